import type { ClientPath } from '../../../shared/contract/operations.js';

export type HopState = 'ok' | 'warning' | 'problem' | 'unknown';
export type HopKind = 'suffixes' | 'servers' | 'srv' | 'hostPort' | 'tcp' | 'rpc';

/** One line of a hop: a translation key with its values, and its own state. */
export interface HopItem {
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
  readonly state: HopState;
}

export interface Hop {
  readonly kind: HopKind;
  readonly state: HopState;
  readonly items: readonly HopItem[];
}

const worst = (states: readonly HopState[]): HopState =>
  states.includes('problem') ? 'problem' : states.includes('warning') ? 'warning' : states.includes('ok') ? 'ok' : 'unknown';

/** The best outcome among items: a chain hop works when one path through it works. */
const best = (states: readonly HopState[]): HopState =>
  states.includes('ok') ? (states.some((state) => state !== 'ok') ? 'warning' : 'ok') : states.length === 0 ? 'unknown' : worst(states);

/**
 * Turns the client's network evidence into the discovery chain DNS suffixes → DNS servers → SRV
 * records → host:port → TCP → KMS RPC, each hop green (ok), amber (warning: works, but not every way
 * does) or red (problem: no way through), grey when not checked.
 */
export function buildClientPath(path: ClientPath): Hop[] {
  const viaOverride = path.override !== null;
  const suffixes: Hop = {
    kind: 'suffixes',
    state: path.suffixes.length > 0 ? 'ok' : viaOverride ? 'unknown' : 'problem',
    items:
      path.suffixes.length > 0
        ? path.suffixes.map((suffix) => ({ key: 'path.suffixItem', values: { suffix: suffix.suffix, source: suffix.source }, state: 'ok' as const }))
        : [{ key: 'path.noSuffix', values: {}, state: viaOverride ? 'unknown' : 'problem' }],
  };
  const servers: Hop = {
    kind: 'servers',
    state: path.dnsServers.length > 0 ? 'ok' : viaOverride ? 'unknown' : 'problem',
    items:
      path.dnsServers.length > 0
        ? path.dnsServers.map((server) => ({ key: 'path.plain', values: { text: server }, state: 'ok' as const }))
        : [{ key: 'path.noServer', values: {}, state: viaOverride ? 'unknown' : 'problem' }],
  };
  const srvItems: HopItem[] = path.srv.flatMap((lookup): HopItem[] => [
    {
      key: 'path.srvQuery',
      values: { name: lookup.name, server: lookup.server, status: lookup.status, count: lookup.records.length },
      state: lookup.status === 'ok' && lookup.records.length > 0 ? 'ok' : 'problem',
    },
    ...lookup.records.map((record) => ({
      key: 'path.srvRecord',
      values: { target: record.target, port: record.port, priority: record.priority, weight: record.weight, addresses: record.addresses.join(', ') },
      state: record.addresses.length > 0 ? ('ok' as const) : ('problem' as const),
    })),
  ]);
  const queries = srvItems.filter((item) => item.key === 'path.srvQuery');
  const srvState: HopState = queries.length === 0 ? (viaOverride ? 'unknown' : 'problem') : best(queries.map((item) => item.state));
  const srv: Hop = { kind: 'srv', state: srvState, items: srvItems };

  const hostItems: HopItem[] = [];
  if (path.override !== null) hostItems.push({ key: 'path.override', values: { host: `${path.override.name}:${path.override.port ?? 1688}` }, state: 'ok' });
  for (const host of path.hosts) {
    if (host.source === 'registry' && path.override !== null) continue;
    hostItems.push({ key: 'path.hostItem', values: { host: host.host, port: host.port, source: host.source }, state: 'ok' });
  }
  const hostPort: Hop = {
    kind: 'hostPort',
    state: hostItems.length > 0 ? 'ok' : 'problem',
    items: hostItems.length > 0 ? hostItems : [{ key: 'path.noHosts', values: {}, state: 'problem' }],
  };

  const tcpItems: HopItem[] = path.hosts.map((host) => ({
    key: 'path.tcpItem',
    values: { host: host.host, port: host.port, status: host.tcp.status, ms: Math.round(host.tcp.ms) },
    state: host.tcp.status === 'connected' ? 'ok' : 'problem',
  }));
  const tcp: Hop = { kind: 'tcp', state: tcpItems.length === 0 ? 'unknown' : best(tcpItems.map((item) => item.state)), items: tcpItems };

  const rpcItems: HopItem[] = path.hosts.map((host) => ({
    key: 'path.rpcItem',
    values: { host: host.host, port: host.port, status: host.rpc.status },
    state: host.rpc.status === 'kms' ? 'ok' : host.rpc.status === 'skipped' ? 'unknown' : 'problem',
  }));
  const rpcKnown = rpcItems.filter((item) => item.state !== 'unknown').map((item) => item.state);
  const rpc: Hop = { kind: 'rpc', state: rpcKnown.length === 0 ? 'unknown' : best(rpcKnown), items: rpcItems };

  return [suffixes, servers, srv, hostPort, tcp, rpc];
}
