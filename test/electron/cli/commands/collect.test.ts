import { describe, expect, it } from 'vitest';
import { CliError } from '../../../../electron/cli/cli-error.js';
import { collectNeedsWindows, parseCollectOptions, runCollectCommand } from '../../../../electron/cli/commands/collect.js';
import { runCli } from '../../../../electron/cli/program.js';

const capture = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (text: string) => void (out.stdout += text), stderr: (text: string) => void (out.stderr += text) } };
};

describe('kms-doctor collect', () => {
  it.skipIf(process.platform === 'win32')('says in one line that it needs Windows, and exits 1', async () => {
    const { out, io } = capture();
    expect(await runCli(['collect', '--role', 'client', '--redact'], io)).toBe(1);
    expect(out.stderr).toBe(`${collectNeedsWindows}\n`);
    expect(out.stdout).toBe('');
  });

  it('refuses to run anywhere but win32 before touching anything', async () => {
    const { io } = capture();
    await expect(runCollectCommand({ role: 'auto', days: '30', lang: 'en' }, io, { platform: 'darwin' })).rejects.toThrow(new CliError(collectNeedsWindows, 1));
  });

  it('validates role, days, language and the output name', () => {
    const now = new Date('2026-08-11T04:51:01.123Z');
    expect(parseCollectOptions({ role: 'auto', days: '30', lang: 'ja' }, now)).toMatchObject({ role: 'auto', days: 30, lang: 'ja' });
    expect(parseCollectOptions({ role: 'host', days: '7', lang: 'en' }, now).out).toMatch(/kms-doctor-20260811T045101Z\.zip$/);
    expect(() => parseCollectOptions({ role: 'server', days: '30', lang: 'en' }, now)).toThrow(/--role must be one of auto, host, client/);
    expect(() => parseCollectOptions({ role: 'auto', days: '0', lang: 'en' }, now)).toThrow(/--days must be a whole number from 1 to 3650/);
    expect(() => parseCollectOptions({ role: 'auto', days: '30; rm -rf /', lang: 'en' }, now)).toThrow(/--days/);
    expect(() => parseCollectOptions({ role: 'auto', days: '30', lang: 'fr' }, now)).toThrow(/--lang must be one of en, ja, zh-TW/);
    expect(() => parseCollectOptions({ role: 'auto', days: '30', lang: 'en', out: 'bundle.tar' }, now)).toThrow(/--out must name a \.zip file/);
  });

  it('--plan works on any OS: JSON of { step, program, args, timeoutMs, output } and runs nothing', async () => {
    const { out, io } = capture();
    expect(await runCli(['collect', '--plan', '--role', 'host', '--json'], io)).toBe(0);
    const plan = JSON.parse(out.stdout) as Array<{ step: string; program: string; args: string[]; timeoutMs: number; output: string | null }>;
    for (const item of plan) expect(Object.keys(item)).toEqual(expect.arrayContaining(['step', 'program', 'args', 'timeoutMs', 'output']));
    expect(plan.find((item) => item.step === 'eventsHostDnsPublishXml')?.output).toBe('events/kms-host-dns-publish.xml');
    expect(out.stderr).toBe('');
  });

  it('--plan in words lists each command with its timeout and output; a wrong role is refused', async () => {
    const { out, io } = capture();
    expect(await runCli(['collect', '--plan', '--role', 'client'], io)).toBe(0);
    expect(out.stdout).toMatch(/^\d+\. \[phase 2\] eventsApplicationSppXml — timeout 300 s → events\/application-spp\.xml\n {3}C:\\Windows\\System32\\wevtutil\.exe epl Application C:\\Windows\\Temp\\kmsd-run-XXXXXX\\events\\application-spp\.query\.evtx /m);
    expect(out.stdout).toMatch(/^\d+\. \[phase 2\] eventsApplicationSppXml → events\/application-spp\.xml\n {3}built in: read C:\\Windows\\Temp\\kmsd-run-XXXXXX\\events\\application-spp\.query\.evtx with the built-in \.evtx reader \(damaged records skipped and counted\); write the newest 100000 records/m);
    expect(out.stdout).toMatch(/^\d+\. \[phase 2\] eventsApplicationSppXml — timeout 300 s → events\/application-spp\.xml \(only if the export above fails with an error code or cannot be read\)\n {3}C:\\Windows\\System32\\wevtutil\.exe qe Application /m);
    const bad = capture();
    expect(await runCli(['collect', '--plan', '--role', 'both'], bad.io)).toBe(1);
    expect(bad.out.stderr).toBe('kms-doctor collect --plan: --role must be host or client (got "both")\n');
  });
});
