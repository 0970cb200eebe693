/**
 * TCP connect to one address:port, then on the same connection a DCE/RPC bind to the KMS interface,
 * and nothing more: the probe never sends a request PDU (an activation request with a made-up client
 * id would add a phantom machine to a real host's count).
 */
import { isIP, Socket } from 'node:net';
import { decodeBindReply, encodeBind, inspectFrame, nakReasonText, rpcStatusOf, syntaxName, toHex, type DecodedReply } from '../../shared/probe/rpc-pdu.js';
import type { HostProbeResult, TcpStatus } from '../../shared/probe/types.js';
import { elapsedMs } from './deadline.js';
import { errorCode } from './error-code.js';

type TcpOutcome = HostProbeResult['tcp'];
type RpcOutcome = HostProbeResult['rpc'];

/** Most a bind reply may be before we stop reading (a bind_ack for three contexts is 108 bytes). */
const MAX_REPLY_BYTES = 64 * 1024;
const EVIDENCE_BYTES = 128;

/**
 * The probe document's TCP status for a connect error code; everything but a refusal or a kernel
 * timeout (EHOSTUNREACH, ENETUNREACH, EACCES from a local firewall, …) means the path is unusable.
 */
export function tcpStatusFromError(code: string | undefined): TcpStatus {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'unreachable';
}

export const SKIPPED_RPC: RpcOutcome = { status: 'skipped', ms: 0 };

/** Says in one line what a decoded reply means, for the report. */
export function describeReply(reply: DecodedReply): string {
  switch (reply.kind) {
    case 'bind_ack': {
      const accepted = reply.results.filter((result) => result.result === 'acceptance').map((result) => syntaxName(result.transferSyntax));
      if (accepted.length > 0) return `bind_ack, accepted with ${accepted.join(' and ')}`;
      const reasons = [...new Set(reply.results.filter((result) => result.result !== 'negotiate-ack').map((result) => `${result.result} (reason ${result.reason})`))];
      return `bind_ack, every context rejected: ${reasons.join(', ') || 'no results'}`;
    }
    case 'bind_nak':
      return `bind_nak: ${nakReasonText(reply.rejectReason)}`;
    case 'other-rpc':
      return `DCE/RPC PDU type ${reply.ptype}, not an answer to a bind`;
    case 'not-rpc':
      return reply.reason;
  }
}

/**
 * Connects to `address:port` (an IP literal: names are resolved before, by the resolver the plan
 * chose) and classifies the connect and the bind, each within `timeoutMs`.
 */
export function probeEndpoint(address: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<{ tcp: TcpOutcome; rpc: RpcOutcome }> {
  // A host name here would go to the system resolver; the plan never lets one through.
  if (isIP(address) === 0) throw new Error(`probeEndpoint needs an IP address, got ${JSON.stringify(address)}`);
  return new Promise((resolve) => {
    const socket = new Socket();
    const start = performance.now();
    let tcp: TcpOutcome | undefined;
    let rpcStart = 0;
    let received = Buffer.alloc(0);
    let done = false;
    let timer = setTimeout(() => onTimeout(), timeoutMs);

    const finish = (rpc: RpcOutcome, tcpOutcome?: TcpOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ tcp: tcpOutcome ?? tcp ?? { status: 'timeout', ms: elapsedMs(start) }, rpc });
    };
    const evidence = () => (received.length > 0 ? { reply: toHex(received.subarray(0, EVIDENCE_BYTES)) } : {});
    const rpcMs = () => elapsedMs(rpcStart);
    function onTimeout(): void {
      if (tcp === undefined) finish(SKIPPED_RPC, { status: 'timeout', ms: elapsedMs(start), error: 'ETIMEDOUT' });
      else finish({ status: 'silent', ms: rpcMs(), detail: received.length > 0 ? `only ${received.length} bytes of a reply` : 'no reply to the bind', ...evidence() });
    }
    function onAbort(): void {
      if (tcp === undefined) finish(SKIPPED_RPC, { status: 'timeout', ms: elapsedMs(start), error: 'ABORTED' });
      else finish({ status: 'silent', ms: rpcMs(), detail: 'aborted', ...evidence() });
    }
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.once('connect', () => {
      tcp = { status: 'connected', ms: elapsedMs(start) };
      clearTimeout(timer);
      rpcStart = performance.now();
      timer = setTimeout(() => onTimeout(), timeoutMs);
      socket.write(encodeBind());
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const frame = inspectFrame(received);
      if (frame.kind === 'not-rpc') finish({ status: 'not-rpc', ms: rpcMs(), detail: frame.reason, ...evidence() });
      else if (frame.kind === 'frame') {
        const reply = decodeBindReply(received.subarray(0, frame.length));
        finish({ status: rpcStatusOf(reply), ms: rpcMs(), detail: describeReply(reply), ...evidence() });
      } else if (received.length > MAX_REPLY_BYTES) finish({ status: 'not-rpc', ms: rpcMs(), detail: 'reply too long for a bind answer', ...evidence() });
    });
    socket.on('error', (error) => {
      const code = errorCode(error) ?? 'error';
      if (tcp === undefined) finish(SKIPPED_RPC, { status: tcpStatusFromError(code), ms: elapsedMs(start), error: code });
      else finish({ status: 'closed', ms: rpcMs(), detail: `connection ${code === 'ECONNRESET' ? 'reset' : `error ${code}`} before a whole reply`, ...evidence() });
    });
    socket.on('close', () => {
      if (tcp !== undefined) finish({ status: 'closed', ms: rpcMs(), detail: received.length > 0 ? `closed after ${received.length} bytes, inside the reply` : 'closed without a reply', ...evidence() });
    });
    socket.connect({ host: address, port, noDelay: true });
  });
}
