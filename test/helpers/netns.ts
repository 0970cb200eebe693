import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A network namespace of the test's own, joined to this one by a veth pair, whose firewall drops or
 * rejects chosen TCP ports: the only way to get a real "filtered" (silent) port and a real ICMP
 * "host unreachable" without touching the machine's own firewall.
 */
export interface FilteredNamespace {
  readonly name: string;
  /** The namespace's address (reachable from here through the veth pair). */
  readonly address: string;
  /** TCP port whose SYNs are dropped: a connect times out. */
  readonly droppedPort: number;
  /** TCP port answered with ICMP host unreachable: a connect fails with EHOSTUNREACH. */
  readonly unreachablePort: number;
  /** A port nothing listens on and no rule covers: a connect is refused by the namespace's kernel. */
  readonly closedPort: number;
  remove(): void;
}

const ipPath = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip'].find((candidate) => existsSync(candidate));
const iptablesPath = ['/usr/sbin/iptables', '/sbin/iptables', '/usr/bin/iptables'].find((candidate) => existsSync(candidate));

/** Why namespaces cannot be made here, or null when they can (root, `ip` and `iptables` present). */
export function netnsUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux-only';
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root';
  if (ipPath === undefined) return 'iproute2 (ip) is not installed';
  if (iptablesPath === undefined) return 'iptables is not installed (Debian package iptables)';
  return null;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${(result.stderr || result.error?.message || '').trim()}`);
}

const live = new Set<string>();
// Remove anything left if the test process dies between creation and its own cleanup.
process.once('exit', () => {
  for (const name of live) spawnSync(ipPath ?? 'ip', ['netns', 'del', name], { timeout: 5000 });
});

/**
 * Creates the namespace with a /30 on a veth pair (10.231.x.y, chosen at random and checked against
 * addresses in use) and the DROP / REJECT rules. Deleting the namespace removes the veth pair too.
 */
export function createFilteredNamespace(): FilteredNamespace {
  const reason = netnsUnavailableReason();
  if (reason !== null) throw new Error(reason);
  const ip = ipPath as string;
  const iptables = iptablesPath as string;
  const inUse = spawnSync(ip, ['-4', 'addr'], { encoding: 'utf8', timeout: 5000 }).stdout ?? '';
  let subnet = '';
  for (let attempt = 0; attempt < 50 && subnet === ''; attempt++) {
    const candidate = `10.231.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 64) * 4}`;
    const prefix = candidate.split('.').slice(0, 3).join('.');
    if (!inUse.includes(`${prefix}.`)) subnet = candidate;
  }
  if (subnet === '') throw new Error('no free 10.231.x.y/30 subnet');
  const base = subnet.split('.').map(Number);
  const hostSide = `${base[0]}.${base[1]}.${base[2]}.${(base[3] ?? 0) + 1}`;
  const nsSide = `${base[0]}.${base[1]}.${base[2]}.${(base[3] ?? 0) + 2}`;
  const tag = `${process.pid.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const name = `kmsd-probe-${tag}`;
  const outer = `kmsdh${tag}`.slice(0, 15);
  const inner = `kmsdn${tag}`.slice(0, 15);
  const remove = () => {
    if (!live.delete(name)) return;
    spawnSync(ip, ['netns', 'del', name], { timeout: 5000 });
    spawnSync(ip, ['link', 'del', outer], { timeout: 5000 });
  };
  run(ip, ['netns', 'add', name]);
  live.add(name);
  try {
    run(ip, ['link', 'add', outer, 'type', 'veth', 'peer', 'name', inner]);
    run(ip, ['link', 'set', inner, 'netns', name]);
    run(ip, ['addr', 'add', `${hostSide}/30`, 'dev', outer]);
    run(ip, ['link', 'set', outer, 'up']);
    run(ip, ['netns', 'exec', name, ip, 'addr', 'add', `${nsSide}/30`, 'dev', inner]);
    run(ip, ['netns', 'exec', name, ip, 'link', 'set', inner, 'up']);
    const droppedPort = 1688;
    const unreachablePort = 1689;
    run(ip, ['netns', 'exec', name, iptables, '-A', 'INPUT', '-p', 'tcp', '--dport', String(droppedPort), '-j', 'DROP']);
    run(ip, ['netns', 'exec', name, iptables, '-A', 'INPUT', '-p', 'tcp', '--dport', String(unreachablePort), '-j', 'REJECT', '--reject-with', 'icmp-host-unreachable']);
    return { name, address: nsSide, droppedPort, unreachablePort, closedPort: 1690, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
