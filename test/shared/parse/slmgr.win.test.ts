// Windows tier: the parsers against what this very machine prints (slmgr.vbs in its display
// language, and the same state through CIM), so a change in Windows' output shows up in CI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseCimLicensing } from '../../../shared/parse/cim.js';
import { decodeText } from '../../../shared/parse/decode-text.js';
import { parseSlmgrIni, type SlmgrLabelSet } from '../../../shared/parse/slmgr-ini.js';
import { parseSlmgrText } from '../../../shared/parse/slmgr.js';
import { describeOnWindows } from '../../helpers/windows.js';

const systemRoot = process.env.SystemRoot ?? 'C:\\Windows';

function slmgr(...args: string[]): string {
  const result = spawnSync(path.join(systemRoot, 'System32', 'cscript.exe'), ['//nologo', '//U', path.join(systemRoot, 'System32', 'slmgr.vbs'), ...args], { timeout: 90_000 });
  expect(result.status).toBe(0);
  return decodeText(result.stdout).text;
}

function powershellJson(command: string): string {
  const result = spawnSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `${command} | ConvertTo-Json -Depth 2`], { timeout: 90_000, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The slmgr.ini of the UI language, when Windows ships one (only one language folder is unambiguous). */
function installedLabels(): SlmgrLabelSet | null {
  const folder = path.join(systemRoot, 'System32', 'slmgr');
  if (!existsSync(folder)) return null;
  const languages = readdirSync(folder).filter((name) => existsSync(path.join(folder, name, 'slmgr.ini')));
  if (languages.length !== 1) return null;
  return parseSlmgrIni(decodeText(readFileSync(path.join(folder, languages[0] ?? '', 'slmgr.ini'))).text);
}

describeOnWindows('slmgr and CIM parsers on this Windows machine', () => {
  it('reads slmgr /dlv with nothing left unrecognised and the same primary product as CIM', () => {
    const labels = installedLabels();
    const text = parseSlmgrText(slmgr('/dlv'), { labels });
    expect(text.unrecognizedLines).toEqual([]);
    expect(text.serviceVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const primary = text.products[0];
    expect(primary?.name).toBeTruthy();
    expect(primary?.licenseStatus).not.toBeNull();

    const cim = parseCimLicensing(
      powershellJson("Get-CimInstance SoftwareLicensingProduct -Filter \"PartialProductKey IS NOT NULL AND ApplicationID='55c92734-d682-4d71-983e-d6ec3f16059f'\""),
      powershellJson('Get-CimInstance SoftwareLicensingService'),
    );
    const same = cim.products.find((product) => product.activationId?.toLowerCase() === primary?.activationId?.toLowerCase());
    expect(same).toBeDefined();
    expect(same?.licenseStatus).toBe(primary?.licenseStatus);
    expect(same?.partialProductKey).toBe(primary?.partialProductKey);
    expect(same?.channel).toBe(primary?.channel);
    expect(cim.serviceVersion).toBe(text.serviceVersion);
    expect(cim.role).toBe(text.role);
  });

  it('reads slmgr /dlv all and /xpr without unrecognised lines', () => {
    const labels = installedLabels();
    const all = parseSlmgrText(slmgr('/dlv', 'all'), { labels });
    expect(all.products.length).toBeGreaterThan(1);
    expect(all.unrecognizedLines).toEqual([]);
    const xpr = parseSlmgrText(slmgr('/xpr'), { labels });
    expect(xpr.unrecognizedLines).toEqual([]);
    expect(xpr.products[0]?.licenseStatus).not.toBeNull();
  });
});
