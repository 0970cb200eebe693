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
    await expect(runCollectCommand({ role: 'auto', days: '30', lang: 'en' }, io, 'darwin')).rejects.toThrow(new CliError(collectNeedsWindows, 1));
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
});
