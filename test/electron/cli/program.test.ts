import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/io.js';
import { runCli } from '../../../electron/cli/program.js';

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe('kms-doctor command line', () => {
  it('lists the four diagnosis subcommands in --help and exits 0', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const command of ['parse', 'probe', 'collect', 'analyze']) expect(io.out).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it.each([['parse', 'slmgr'], ['parse', 'events'], ['probe'], ['collect'], ['analyze'], ['bundle']])(
    'gives --help for %s %s',
    async (...command) => {
      const io = capture();
      expect(await runCli([...command.filter(Boolean), '--help'], io)).toBe(0);
      expect(io.out).toContain(`Usage: kms-doctor ${command.filter(Boolean).join(' ')}`);
    },
  );

  it('answers an unknown subcommand with usage and exit 2', async () => {
    const io = capture();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err).toContain("unknown command 'frobnicate'");
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('answers an unknown flag with usage and exit 2', async () => {
    const io = capture();
    expect(await runCli(['probe', '--no-such-flag'], io)).toBe(2);
    expect(io.err).toContain("unknown option '--no-such-flag'");
  });

  it('answers a missing argument with exit 2', async () => {
    const io = capture();
    expect(await runCli(['analyze'], io)).toBe(2);
    expect(io.err).toContain("missing required argument 'path'");
  });

  it('prints usage and exits 2 when run with no arguments', async () => {
    const io = capture();
    expect(await runCli([], io)).toBe(2);
    expect(io.out).toContain('Usage: kms-doctor');
  });
});
