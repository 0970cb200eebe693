import { describe, expect, it } from 'vitest';
import { constrainedLanguageReason } from '../../../electron/collect/windows/powershell-session.js';
import { codeOfFailure, collectorFailureCode } from '../../../shared/bundle/collector-failure.js';
import { createTranslator } from '../../../shared/i18n/index.js';

describe('collector failure codes', () => {
  it.each([
    // Our collectors' own wording (electron/collect/windows), as they write it into the manifest.
    [constrainedLanguageReason('ConstrainedLanguage'), 'constrained-language'],
    ['cscript.exe is missing (VBScript is an optional feature since Windows 11 24H2); the diagnosis uses the CIM licensing data instead', 'no-vbscript'],
    ['VBScript is not installed (C:\\Windows\\System32\\vbscript.dll is absent; an optional feature since Windows 11 24H2); the diagnosis uses the CIM licensing data instead', 'no-vbscript'],
    ['timed out after 60000 ms; the process was killed', 'timeout'],
    ['could not check, because PowerShell did not answer within 30000 ms (it was stopped)', 'timeout'],
    ['cancelled; the process was stopped', 'cancelled'],
    ['the event log does not exist on this machine', 'not-found'],
    ['could not check, because C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe is missing', 'no-powershell'],
    ['PowerShell could not start: UNKNOWN', 'no-powershell'],
    ['PowerShell could not start: EACCES', 'access-denied'],
    ['could not start C:\\Windows\\System32\\wevtutil.exe: EMFILE', 'could-not-start'],
    ['could not save the output: ENOSPC: no space left on device, write', 'not-saved'],
    ['PowerShell printed no result: no output', 'no-output'],
    ['exit code 15007: The specified channel could not be found.', 'not-found'],
    ['exit code 1: Input Error: Unknown option', 'exit-code'],
    ['the bundle has no events/application-spp.evtx', 'not-found'],
    ['manifest.json does not match the bundle manifest schema', 'unreadable'],
    // Windows' own message as PowerShell reports it (irohastack.com/?p=10873, "Concrete symptoms"), through our envelope.
    ['Access is denied (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED)) (UnauthorizedAccessException)', 'access-denied'],
    ['kmsClientRegistry exploded', 'other'],
  ] as const)('%s → %s', (reason, code) => {
    expect(collectorFailureCode(reason)).toBe(code);
  });

  it('a code the manifest carries wins; one this version does not know is read from the message', () => {
    expect(codeOfFailure({ reason: 'timed out after 5 ms', code: 'access-denied' })).toBe('access-denied');
    expect(codeOfFailure({ reason: 'timed out after 5 ms', code: 'a-code-from-a-newer-version' })).toBe('timeout');
  });

  it.each(['en', 'ja', 'zh-TW'] as const)('every code is worded in %s', (lang) => {
    const t = createTranslator(lang);
    for (const code of ['timeout', 'not-found', 'access-denied', 'constrained-language', 'no-vbscript', 'no-powershell', 'could-not-start', 'cancelled', 'exit-code', 'no-output', 'not-saved', 'unreadable', 'other']) {
      const text = t(`findings:collect.failed.reason.${code}`);
      expect(text, code).not.toContain('collect.failed');
      if (lang !== 'en') expect(text, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
