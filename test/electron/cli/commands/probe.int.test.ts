import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../../../electron/cli/program.js';
import type { ProbeDocument } from '../../../../shared/probe/types.js';
import { captureIo as capture } from '../../../helpers/cli-capture.js';
import { describeWithDnsmasq, startDnsmasq } from '../../../helpers/dnsmasq.js';
import { RCODE, startFakeDns } from '../../../helpers/fake-dns.js';
import { findFreePort } from '../../../helpers/free-port.js';
import { startKmsResponder, type ResponderMode } from '../../../helpers/kms-rpc-responder.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));


async function responder(mode: ResponderMode) {
  const running = await startKmsResponder(mode);
  onTestFinished(() => running.close());
  return running;
}

/** A dnsmasq whose corp.test publishes a KMS responder and a host with a closed port. */
async function corpZone() {
  const kms = await responder('accept-ndr32');
  const closedPort = await findFreePort();
  const dns = await startDnsmasq([
    'local=/corp.test/',
    `srv-host=_vlmcs._tcp.corp.test,kms1.corp.test,${kms.port},0,0`,
    `srv-host=_vlmcs._tcp.corp.test,old-kms.corp.test,${closedPort},10,0`,
    'host-record=kms1.corp.test,127.0.0.1',
    'host-record=old-kms.corp.test,127.0.0.1',
    'local=/branch.test/',
  ]);
  return { kms, closedPort, dns };
}

describeWithDnsmasq('kms-doctor probe against loopback dnsmasq and a KMS RPC responder', () => {
  it('prints each path with a verdict per hop', async () => {
    const { kms, closedPort, dns } = await corpZone();
    const io = capture();
    const code = await runCli(['probe', '--domain', 'corp.test', '--domain', 'branch.test', '--dns-server', dns.server, '--timeout', '2000'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const lines = io.out.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      '_vlmcs._tcp.corp.test',
      expect.stringMatching(new RegExp(`^  → \\[ok\\] DNS ${dns.server}: 2 SRV records \\(\\d+ ms\\)$`)),
      `    → [ok] kms1.corp.test:${kms.port} (priority 0, weight 0) → 127.0.0.1`,
      expect.stringMatching(new RegExp(`^      → \\[ok\\] TCP 127\\.0\\.0\\.1:${kms.port}: connected, port open \\(\\d+ ms\\)$`)),
      expect.stringMatching(/^ {6}→ \[ok\] RPC: kms, KMS RPC endpoint \(bind accepted\): bind_ack, accepted with NDR32 \(\d+ ms\)$/),
      `    → [ok] old-kms.corp.test:${closedPort} (priority 10, weight 0) → 127.0.0.1`,
      expect.stringMatching(new RegExp(`^      → \\[!!\\] TCP 127\\.0\\.0\\.1:${closedPort}: refused, connection refused .*\\[ECONNREFUSED\\] \\(\\d+ ms\\)$`)),
      '      → [--] RPC: skipped, not tried: the port is not open',
      '_vlmcs._tcp.branch.test',
    ]);
    expect(io.out).toContain(`  → [!!] DNS ${dns.server}: nxdomain 0x8007232B DNS name does not exist`);
    expect(io.out).toContain(`  [!!] more than one KMS host is published (kms1.corp.test:${kms.port}, old-kms.corp.test:${closedPort})`);
  });

  it('gives the probe document with --json', async () => {
    const { kms, dns } = await corpZone();
    const io = capture();
    expect(await runCli(['probe', '--domain', 'corp.test', '--host', kms.hostPort, '--dns-server', dns.server, '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out) as ProbeDocument;
    expect(doc.srv).toEqual([
      expect.objectContaining({ name: '_vlmcs._tcp.corp.test', server: dns.server, status: 'ok', hresult: null, records: expect.any(Array) }),
    ]);
    expect(doc.hosts.map((host) => [host.host, host.source, host.tcp.status, host.rpc.status])).toEqual([
      ['127.0.0.1', 'cli', 'connected', 'kms'],
      ['kms1.corp.test', 'srv', 'connected', 'kms'],
      ['old-kms.corp.test', 'srv', 'refused', 'skipped'],
    ]);
    expect(doc.timeoutMs).toBe(3000);
    expect(kms.receivedTypes).toEqual([11, 11]);
  });

  it('sends an IDN domain as punycode and probes an [IPv6]:port host', async () => {
    const kms6 = await startKmsResponder('accept-ndr64', '::1');
    onTestFinished(() => kms6.close());
    const dns = await startDnsmasq(['local=/corp.test/', 'srv-host=_vlmcs._tcp.xn--bcher-kva.corp.test,kms1.corp.test,1688,0,0']);
    const io = capture();
    expect(await runCli(['probe', '--domain', 'bücher.corp.test', '--host', `[::1]:${kms6.port}`, '--dns-server', dns.server, '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out) as ProbeDocument;
    await expect.poll(() => dns.log()).toContain('query[SRV] _vlmcs._tcp.xn--bcher-kva.corp.test');
    expect(doc.srv[0]).toMatchObject({ name: '_vlmcs._tcp.xn--bcher-kva.corp.test', status: 'ok' });
    expect(doc.hosts[0]).toMatchObject({ host: '::1', port: kms6.port, source: 'cli', tcp: { status: 'connected' }, rpc: { status: 'kms', detail: 'bind_ack, accepted with NDR64' } });
  });

  it('sends nothing at all when one value is hostile, even if the others are fine', async () => {
    const fake = await startFakeDns(RCODE.nxdomain);
    onTestFinished(() => fake.close());
    const kms = await responder('accept-ndr32');
    const io = capture();
    const code = await runCli(['probe', '--domain', 'corp.test', '--host', kms.hostPort, '--host', 'kms;reboot', '--dns-server', fake.server], io);
    expect(code).toBe(1);
    expect(io.err).toMatch(/^kms-doctor probe: --host "kms;reboot" refused: it contains ';'/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.questions).toEqual([]);
    expect(kms.connections()).toBe(0);
  });

  describe('as a real process (the bin)', () => {
    beforeAll(() => {
      if (!existsSync(`${repo}out/cli/index.js`)) {
        const built = spawnSync(process.execPath, ['scripts/build-node.mjs'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
        expect(built.status, built.stderr).toBe(0);
      }
    });

    it('prints the path and exits 0; refuses hostile input with exit 1 and no stack trace', async () => {
      const { kms, dns } = await corpZone();
      const run = (...args: string[]) =>
        // Asynchronous spawn: the responder lives in this process's event loop and must keep answering.
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, ['bin/kms-doctor.js', 'probe', ...args], { cwd: repo, timeout: 20_000 }, (error, stdout, stderr) =>
            resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
          );
        });
      const ok = await run('--domain', 'corp.test', '--dns-server', dns.server, '--timeout', '2000');
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain(`    → [ok] kms1.corp.test:${kms.port} (priority 0, weight 0) → 127.0.0.1`);
      const bad = await run('--host', '$(id)');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toBe('kms-doctor probe: --host "$(id)" refused: it contains \'$\', which no host name or address may contain\n');
    });
  });
});
