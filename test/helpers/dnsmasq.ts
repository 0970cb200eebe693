import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, onTestFinished } from 'vitest';
import { findFreePort } from './free-port.js';
import { makeTempDir } from './temp-dir.js';

export const dnsmasqPath = ['/usr/sbin/dnsmasq', '/usr/bin/dnsmasq'].find((candidate) => existsSync(candidate));

/**
 * A suite that needs a real dnsmasq. On Windows there is none (the Windows workflow runs the rest), so it is
 * reported as skipped with the reason in its name; elsewhere a missing dnsmasq still fails loudly.
 */
export function describeWithDnsmasq(name: string, body: () => void): void {
  if (process.platform === 'win32') describe.skip(`${name} [skipped: needs dnsmasq, which Windows does not have]`, body);
  else describe(name, body);
}

export interface RunningDns {
  /** The address as `dns.Resolver#setServers` and `--dns-server` take it: `IP:PORT`. */
  readonly server: string;
  readonly address: string;
  readonly port: number;
  /** Every line dnsmasq logged so far (queries included), for assertions about what was asked. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts a real dnsmasq on a loopback address with only the zone lines the test gives.
 *
 * It never forwards to a real resolver (no-resolv, no-hosts) and listens only on the given loopback
 * address; it is stopped when the test finishes, pass or fail. `zone` holds dnsmasq lines such as
 * `srv-host=_vlmcs._tcp.corp.test,kms1.corp.test,1688,0,0` and `host-record=kms1.corp.test,127.0.0.11`.
 */
export async function startDnsmasq(zone: readonly string[], address = '127.0.0.1'): Promise<RunningDns> {
  if (!/^127\.\d+\.\d+\.\d+$|^::1$/.test(address)) throw new Error(`refusing non-loopback DNS address ${address}`);
  if (dnsmasqPath === undefined) throw new Error('dnsmasq is not installed (Debian package dnsmasq-base)');
  const dir = await makeTempDir('kmsd-dns-');
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await findFreePort(address);
    const config = [
      'no-resolv',
      'no-hosts',
      'no-poll',
      'bind-interfaces',
      `listen-address=${address}`,
      `port=${port}`,
      'cache-size=0',
      'log-queries',
      'log-facility=-',
      ...zone,
    ].join('\n');
    const configPath = path.join(dir, `dnsmasq-${port}.conf`);
    await writeFile(configPath, `${config}\n`);
    const userArgs = process.getuid?.() === 0 ? ['--user=nobody'] : [];
    const child = spawn(dnsmasqPath, ['--keep-in-foreground', '-C', configPath, '--pid-file=', ...userArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = await waitForStart(child, () => output);
    if (started) {
      const stop = () => stopChild(child);
      onTestFinished(stop);
      const server = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
      return { server, address, port, log: () => output, stop };
    }
    lastError = output.trim().split('\n').pop() ?? 'no output';
  }
  throw new Error(`dnsmasq did not start: ${lastError}`);
}

function waitForStart(child: ChildProcess, output: () => string): Promise<boolean> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => finish(false), 5000);
    const poll = setInterval(() => {
      if (output().includes('started, version')) finish(true);
    }, 20);
    child.once('exit', () => finish(false));
    function finish(ok: boolean) {
      clearTimeout(deadline);
      clearInterval(poll);
      if (!ok) child.kill('SIGKILL');
      resolve(ok);
    }
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  });
}
