import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { probeEndpoint } from '../../../electron/probe/endpoint-probe.js';
import { findFreePort } from '../../helpers/free-port.js';
import { startKmsResponder, type ResponderMode } from '../../helpers/kms-rpc-responder.js';
import { createFilteredNamespace, netnsUnavailableReason } from '../../helpers/netns.js';

async function responder(mode: ResponderMode, address = '127.0.0.1') {
  const running = await startKmsResponder(mode, address);
  onTestFinished(() => running.close());
  return running;
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('TCP and KMS RPC bind against real loopback listeners', () => {
  it.each([
    ['accept-ndr32', 'kms', 'bind_ack, accepted with NDR32'],
    ['accept-ndr64', 'kms', 'bind_ack, accepted with NDR64'],
    ['chunked', 'kms', 'bind_ack, accepted with NDR32'],
    ['reject-all', 'rejected', 'bind_ack, every context rejected: provider-rejection (reason 1)'],
    ['nak', 'nak', 'bind_nak: protocol version not supported'],
    ['close', 'closed', 'closed without a reply'],
  ] as const)('classifies a %s responder as rpc %s, sending only a bind', async (mode, status, detail) => {
    const kms = await responder(mode);
    const result = await probeEndpoint(kms.address, kms.port, 2000);
    expect(result.tcp.status).toBe('connected');
    expect(result.rpc).toMatchObject({ status, detail });
    // Never a request PDU (type 0): only the one bind (type 11) ever reaches the host.
    expect(kms.receivedTypes).toEqual(mode === 'close' ? [] : [11]);
    expect(kms.connections()).toBe(1);
  });

  it('keeps the reply bytes as evidence', async () => {
    const kms = await responder('nak');
    const result = await probeEndpoint(kms.address, kms.port, 2000);
    expect(result.rpc.reply).toBe('05000d031000000018000000020000000400010500000000');
  });

  it('binds over IPv6 loopback too', async () => {
    const kms = await responder('accept-ndr32', '::1');
    expect(await probeEndpoint('::1', kms.port, 2000)).toMatchObject({ tcp: { status: 'connected' }, rpc: { status: 'kms' } });
  });

  it('calls a peer that accepts and never answers "silent" after one timeout', async () => {
    const kms = await responder('silent');
    const start = performance.now();
    const result = await probeEndpoint(kms.address, kms.port, 600);
    expect(result.tcp.status).toBe('connected');
    expect(result.rpc).toMatchObject({ status: 'silent', detail: 'no reply to the bind' });
    expect(result.rpc.ms).toBeGreaterThanOrEqual(590);
    expect(performance.now() - start).toBeLessThan(1200);
  });

  it('calls a plain listener that accepts and says nothing "silent" too', async () => {
    // resume(): read and ignore the bind, so the peer's close is seen and the server can close.
    const port = await listen(createServer((socket) => socket.resume()));
    expect(await probeEndpoint('127.0.0.1', port, 300)).toMatchObject({ tcp: { status: 'connected' }, rpc: { status: 'silent' } });
  });

  it('calls an HTTP server "not-rpc" from its first byte', async () => {
    const port = await listen(createHttpServer((_request, response) => response.end('hello')));
    const result = await probeEndpoint('127.0.0.1', port, 2000);
    expect(result.tcp.status).toBe('connected');
    expect(result.rpc).toMatchObject({ status: 'not-rpc', detail: 'first byte 0x48, not DCE/RPC version 5' });
    expect(Buffer.from(result.rpc.reply ?? '', 'hex').toString('latin1')).toMatch(/^HTTP\/1\.1 400/);
  });

  it('reports a closed port as refused and does not try RPC', async () => {
    const result = await probeEndpoint('127.0.0.1', await findFreePort(), 2000);
    expect(result).toMatchObject({ tcp: { status: 'refused', error: 'ECONNREFUSED' }, rpc: { status: 'skipped', ms: 0 } });
    expect(result.tcp.ms).toBeLessThan(1000);
  });

  it('refuses a host name: only addresses reach net.connect, so the system resolver is never asked', () => {
    expect(() => probeEndpoint('localhost', 1688, 100)).toThrow(/needs an IP address/);
  });

  it('stops at once when aborted', async () => {
    const kms = await responder('silent');
    const controller = new AbortController();
    // Aborted while it waits for the bind's answer (a fixed 50 ms came before the TCP connect on a busy machine).
    let abortedAt = Number.POSITIVE_INFINITY;
    const abortOnBind = setInterval(() => {
      if (!kms.receivedTypes.includes(11)) return;
      clearInterval(abortOnBind);
      abortedAt = performance.now();
      controller.abort();
    }, 5);
    onTestFinished(() => clearInterval(abortOnBind));
    const result = await probeEndpoint(kms.address, kms.port, 5000, controller.signal);
    expect(result.rpc).toMatchObject({ status: 'silent', detail: 'aborted' });
    expect(performance.now() - abortedAt).toBeLessThan(1000);
  });
});

const noNetns = netnsUnavailableReason();
describe.skipIf(noNetns !== null)(`filtered and unreachable ports in a network namespace of our own${noNetns === null ? '' : ` [skipped: ${noNetns}]`}`, () => {
  it('reports a port behind a DROP rule as a TCP timeout (filtered), one ICMP host-unreachable as unreachable, a closed one as refused', async () => {
    const ns = createFilteredNamespace();
    onTestFinished(() => ns.remove());
    const [dropped, unreachable, closed] = await Promise.all([
      probeEndpoint(ns.address, ns.droppedPort, 700),
      probeEndpoint(ns.address, ns.unreachablePort, 700),
      probeEndpoint(ns.address, ns.closedPort, 700),
    ]);
    expect(dropped).toMatchObject({ tcp: { status: 'timeout', error: 'ETIMEDOUT' }, rpc: { status: 'skipped' } });
    expect(dropped.tcp.ms).toBeGreaterThanOrEqual(690);
    expect(unreachable).toMatchObject({ tcp: { status: 'unreachable', error: 'EHOSTUNREACH' }, rpc: { status: 'skipped' } });
    expect(closed).toMatchObject({ tcp: { status: 'refused' }, rpc: { status: 'skipped' } });
  });
});
