import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/program.js';
import { captureIo as capture } from '../../../helpers/cli-capture.js';


async function probe(...args: string[]) {
  const io = capture();
  const code = await runCli(['probe', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('kms-doctor probe: bad input is refused before any traffic', () => {
  it.each([
    [['--domain', 'corp.test;rm -rf /'], /--domain "corp\.test;rm -rf \/" refused: it contains ';'/],
    [['--domain', '$(shutdown)'], /refused: it contains '\$'/],
    [['--host', '`whoami`.corp.test'], /--host "`whoami`\.corp\.test" refused: it contains '`'/],
    [['--host', '"kms"'], /refused: it contains '"'/],
    [['--host', "kms'1"], /refused: it contains '''/],
    [['--host', 'kms 1'], /refused: it contains whitespace/],
    [['--host', `${'a'.repeat(300)}.corp.test`], /refused: a label is 300 characters long \(at most 63\)/],
    [['--host', 'kms.corp.test:70000'], /refused: the port "70000" is not a number from 1 to 65535/],
    [['--host', '[::1:1688'], /refused: brackets are only for an IPv6 address/],
    [['--dns-server', 'dns.corp.test'], /--dns-server "dns\.corp\.test" refused: a DNS server must be an IP address/],
    [['--dns-server', '127.0.0.1:0'], /refused: the port "0"/],
    [['--host', '127.0.0.1', '--timeout', '0'], /--timeout "0" refused: give milliseconds from 1 to 60000/],
    [['--host', '127.0.0.1', '--timeout', '3s'], /--timeout "3s" refused/],
    [['--host', '127.0.0.1', '--timeout', '60001'], /--timeout "60001" refused/],
  ])('%j → exit 1, one line', async (args, message) => {
    const { code, out, err } = await probe(...args);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('cuts a very long hostile value short in the message and escapes control characters', async () => {
    const { code, err } = await probe('--host', `kms\u0007${'x'.repeat(500)}`);
    expect(code).toBe(1);
    expect(err).toContain('"kms\\u0007xxxx');
    expect(err).toContain('…"');
    expect(err.length).toBeLessThan(200);
  });

  it('asks for something to probe (usage, exit 2)', async () => {
    const { code, err } = await probe('--dns-server', '127.0.0.1');
    expect(code).toBe(2);
    expect(err).toBe('kms-doctor probe: nothing to probe: give at least one --domain or --host\n');
  });

  it('documents every option in --help', async () => {
    const io = capture();
    expect(await runCli(['probe', '--help'], io)).toBe(0);
    for (const option of ['--domain', '--host', '--dns-server', '--system-resolver', '--timeout', '--json']) expect(io.out).toContain(option);
  });
});
