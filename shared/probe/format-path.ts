/**
 * The human form of a probe document: each discovery path as the client walks it,
 * name → DNS server → SRV records → host:port → TCP → RPC, with a verdict on every hop.
 */
import { analyzeProbeDocument } from './analysis.js';
import { NO_SERVICE_TARGET } from './discovery-plan.js';
import { dnsFailureInfo } from './hresult.js';
import { formatHostPort } from './target.js';
import type { HostProbeResult, ProbeDocument, RpcStatus, SrvLookupResult, SrvRecordResult, TcpStatus } from './types.js';

export type HopVerdict = 'ok' | 'problem' | 'skipped';

const TCP_TEXT: Readonly<Record<TcpStatus, string>> = {
  connected: 'port open',
  refused: 'connection refused (nothing listens, or a firewall rejects)',
  timeout: 'no answer to the connect (filtered by a firewall, or the host is down)',
  unreachable: 'host or network unreachable',
  unresolved: 'the name has no address',
};

const RPC_TEXT: Readonly<Record<RpcStatus, string>> = {
  kms: 'KMS RPC endpoint (bind accepted)',
  rejected: 'an RPC server that does not offer the KMS interface (every context rejected)',
  nak: 'an RPC server refused the bind (bind_nak)',
  'not-rpc': 'something that is not DCE/RPC answers on this port',
  silent: 'the peer accepted the connection but never answered the bind',
  closed: 'the peer closed the connection without answering',
  skipped: 'not tried: the port is not open',
};

/** The verdict of a TCP hop. */
export function tcpVerdict(status: TcpStatus): HopVerdict {
  return status === 'connected' ? 'ok' : 'problem';
}

/** The verdict of an RPC hop. */
export function rpcVerdict(status: RpcStatus): HopVerdict {
  if (status === 'skipped') return 'skipped';
  return status === 'kms' ? 'ok' : 'problem';
}

const mark = (verdict: HopVerdict): string => (verdict === 'ok' ? '[ok]' : verdict === 'problem' ? '[!!]' : '[--]');

function dnsHop(lookup: SrvLookupResult): string {
  const took = lookup.ms === undefined ? '' : ` (${lookup.ms} ms)`;
  if (lookup.status === 'ok') {
    const count = lookup.records.length;
    return `${mark('ok')} DNS ${lookup.server}: ${count} SRV record${count === 1 ? '' : 's'}${took}`;
  }
  const info = dnsFailureInfo(lookup.status, lookup.error);
  const code = lookup.hresult === null ? '' : ` ${lookup.hresult}`;
  return `${mark('problem')} DNS ${lookup.server}: ${lookup.status}${code} ${info.meaning}${took}`;
}

function recordHop(record: SrvRecordResult): string {
  if (record.target === NO_SERVICE_TARGET) return `${mark('problem')} target "." (priority ${record.priority}, weight ${record.weight}) → the record says the service is not available here`;
  const where = `${formatHostPort(record.target, record.port)} (priority ${record.priority}, weight ${record.weight})`;
  return record.addresses.length > 0
    ? `${mark('ok')} ${where} → ${record.addresses.join(', ')}`
    : `${mark('problem')} ${where} → no A/AAAA record on this server`;
}

function hostHops(host: HostProbeResult, indent: string): string[] {
  const tcpMs = host.tcp.status === 'unresolved' ? '' : ` (${host.tcp.ms} ms)`;
  const tcpTarget = host.address ? ` ${formatHostPort(host.address, host.port)}` : '';
  const tcpError = host.tcp.error ? ` [${host.tcp.error}]` : '';
  const rpcMs = host.rpc.status === 'skipped' ? '' : ` (${host.rpc.ms} ms)`;
  const rpcDetail = host.rpc.detail ? `: ${host.rpc.detail}` : '';
  return [
    `${indent}→ ${mark(tcpVerdict(host.tcp.status))} TCP${tcpTarget}: ${host.tcp.status}, ${TCP_TEXT[host.tcp.status]}${tcpError}${tcpMs}`,
    `${indent}→ ${mark(rpcVerdict(host.rpc.status))} RPC: ${host.rpc.status}, ${RPC_TEXT[host.rpc.status]}${rpcDetail}${rpcMs}`,
  ];
}

/**
 * Renders the document as indented paths with a verdict mark per hop ([ok], [!!] problem, [--] not
 * tried), then the flags the diagnosis rules look at.
 */
export function formatProbePaths(doc: ProbeDocument): string {
  const lines: string[] = [];
  const srvHost = (target: string, port: number) => doc.hosts.find((host) => host.source === 'srv' && host.host === target.toLowerCase() && host.port === port);
  const names = [...new Set(doc.srv.map((lookup) => lookup.name))];
  for (const name of names) {
    lines.push(name);
    for (const lookup of doc.srv.filter((entry) => entry.name === name)) {
      lines.push(`  → ${dnsHop(lookup)}`);
      for (const record of lookup.records) {
        lines.push(`    → ${recordHop(record)}`);
        const host = srvHost(record.target, record.port);
        if (host !== undefined && record.addresses.length > 0) lines.push(...hostHops(host, '      '));
      }
    }
  }
  const direct = doc.hosts.filter((host) => host.source !== 'srv');
  if (direct.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(doc.clientUsesDns === false ? 'Direct hosts (a registry/slmgr /skms host: the client skips DNS)' : 'Direct hosts');
    for (const host of direct) {
      const resolved = host.address && host.address !== host.host ? ` → ${host.address}` : '';
      lines.push(`  → ${formatHostPort(host.host, host.port)} (${host.source})${resolved}`);
      lines.push(...hostHops(host, '    '));
    }
  }
  const flags = analyzeProbeDocument(doc);
  const notes: string[] = [];
  if (flags.noSrvRecords) notes.push('no DNS server returned a _vlmcs._tcp record for any name: clients cannot find a KMS host through DNS');
  for (const disagreement of flags.serversDisagree) {
    const answers = disagreement.answers.map((answer) => `${answer.server} → ${answer.status === 'ok' ? answer.records.join(', ') : answer.status}`);
    notes.push(`DNS servers disagree on ${disagreement.name}: ${answers.join('; ')}`);
  }
  if (flags.multipleHosts.length > 0) notes.push(`more than one KMS host is published (${flags.multipleHosts.join(', ')}): clients split the count between them`);
  for (const entry of flags.serviceNotAvailable) notes.push(`${entry.name} on ${entry.server} says the service is not available (SRV target ".")`);
  for (const target of flags.unresolvedTargets) notes.push(`SRV target ${target.target} (${target.name} on ${target.server}) has no address on that server`);
  for (const host of flags.unreachableHosts) {
    // An SRV target without an address is already named above.
    if (host.source === 'srv' && host.tcp.status === 'unresolved') continue;
    notes.push(`${formatHostPort(host.host, host.port)} (${host.source}) cannot be reached: TCP ${host.tcp.status}`);
  }
  for (const host of flags.notKmsEndpoints) notes.push(`${formatHostPort(host.host, host.port)} (${host.source}) has an open port but no KMS RPC endpoint: RPC ${host.rpc.status}`);
  if (flags.kmsEndpoints.length === 0 && doc.hosts.length > 0) notes.push('no candidate answered as a KMS RPC endpoint');
  lines.push('', 'Verdict');
  if (notes.length === 0) lines.push(`  [ok] ${flags.kmsEndpoints.length} KMS RPC endpoint${flags.kmsEndpoints.length === 1 ? '' : 's'} found, no DNS problem seen`);
  else lines.push(...notes.map((note) => `  [!!] ${note}`));
  if (doc.totalMs !== undefined) lines.push('', `${doc.hosts.length} host${doc.hosts.length === 1 ? '' : 's'}, ${doc.srv.length} SRV quer${doc.srv.length === 1 ? 'y' : 'ies'} in ${doc.totalMs} ms (timeout ${doc.timeoutMs ?? '?'} ms per probe)`);
  return `${lines.join('\n')}\n`;
}
