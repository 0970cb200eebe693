/**
 * What only the pair shows (DESIGN.md §5 "Case", §7 `case.*`): a host and its clients read together.
 * Pure: machines in (each already diagnosed on its own), case findings out, in one language.
 *
 * Times: every event time is UTC on the clock of the machine that logged it. A host's 12290 also logs
 * the client's own clock, so the host's log measures each client's clock difference; comparisons of a
 * client's request times with the host's log allow that difference plus a margin for the transit.
 */
import { explainHresult } from '../diagnose/explain-code.js';
import { cmd, hostValue, placeholders, powershell, slmgr, sysprepPath } from '../diagnose/fix-commands.js';
import type { HostEventDigest } from '../diagnose/host-events.js';
import { renderDrafts } from '../diagnose/index.js';
import type { Finding, FindingDraft, FindingEvidence, Lang } from '../diagnose/types.js';
import { maxClockSkewMs } from '../kms/thresholds.js';
import { citeMachine, namesHost, type CaseMachine, type RequestsToHost } from './case-machine.js';

/** A client's request and the host's 12290 of it are logged within this of each other, beyond the clock difference. */
const transitMarginMs = 10 * 60_000;
/** Evidence lines listed per finding; the rest are counted (a fleet can name thousands of machines). */
const maxEvidenceLines = 50;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const hoursOf = (ms: number): number => Math.round((ms / 3_600_000) * 10) / 10;

/** What a host's log keeps of one CMID: its names with first/last times, and the clock difference it measured. */
type CmidSeen = HostEventDigest['cmids'] extends ReadonlyMap<string, infer V> ? V : never;

type HostMachine = CaseMachine & { readonly host: NonNullable<CaseMachine['host']> };

function hostsOf(machines: readonly CaseMachine[]): HostMachine[] {
  return machines.filter((m): m is HostMachine => m.host !== null);
}

function clientsOf(machines: readonly CaseMachine[]): CaseMachine[] {
  return machines.filter((m) => m.role === 'client' || m.role === 'both' || (m.host === null && (m.requests.length > 0 || m.cmids.length > 0)));
}

/** The host's record of a CMID, if its log holds one. */
function seenBy(host: HostMachine, cmid: string): CmidSeen | undefined {
  return host.host.digest.cmids.get(cmid);
}

/** True when a name the host logged (usually the FQDN) is this machine's name. */
function isNameOf(logged: string, machine: CaseMachine): boolean {
  const a = logged.toLowerCase();
  const b = machine.name.toLowerCase();
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * The names under which the host logged this client's CMID: the client's own name when the log has it;
 * else, for a CMID that several machines of the case report (clones), none (another clone's requests
 * say nothing about this one); else every name (the client is known to the log by another name).
 */
function loggedNames(state: CmidSeen, client: CaseMachine, sharedCmids: ReadonlySet<string>, cmid: string): string[] {
  const names = [...state.names.keys()];
  const own = names.filter((n) => isNameOf(n, client));
  if (own.length > 0) return own;
  return sharedCmids.has(cmid) ? [] : names;
}

/** CMIDs that more than one machine of the case reports. */
function cmidsOfSeveral(machines: readonly CaseMachine[]): Set<string> {
  const owners = new Map<string, number>();
  for (const m of clientsOf(machines)) for (const c of m.cmids) owners.set(c, (owners.get(c) ?? 0) + 1);
  return new Set([...owners].filter(([, n]) => n > 1).map(([c]) => c));
}

/** Evidence lines, cut to maxEvidenceLines with one line saying how many more there are. */
function capped(lines: FindingEvidence[], more: (count: number) => FindingEvidence): FindingEvidence[] {
  return lines.length <= maxEvidenceLines ? lines : [...lines.slice(0, maxEvidenceLines), more(lines.length - maxEvidenceLines)];
}

const moreLine = (count: number): FindingEvidence => ({ source: 'case', excerpt: `… ${count} more` });

function listNames(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} … (+${names.length - 10})`;
}

/** The hosts of the case a client's requests went to (by the name it logged), other than itself. */
function addressedHosts(client: CaseMachine, r: RequestsToHost, hosts: readonly HostMachine[]): HostMachine[] {
  return hosts.filter((h) => h !== client && namesHost(r.host, h.host.names));
}

/**
 * case.client-not-seen-by-host: the client's newest request in the period the host's log covers has no
 * 12290 of the client's CMID in that log (within the measured clock difference and a transit margin).
 * A client whose requests go to a host outside the case is judged against every host of the case.
 */
function notSeenByHost(machines: readonly CaseMachine[], hosts: readonly HostMachine[], shared: ReadonlySet<string>): FindingDraft[] {
  const withLogs = hosts.filter((h) => h.host.digest.oldest !== null && h.host.digest.newest !== null);
  if (withLogs.length === 0) return [];
  const byHost = new Map<string, { inCase: boolean; lines: FindingEvidence[]; clients: Set<string> }>();
  for (const client of clientsOf(machines)) {
    if (client.cmids.length === 0) continue;
    for (const r of client.requests) {
      const addressed = addressedHosts(client, r, withLogs);
      const judged = addressed.length > 0 ? addressed : withLogs.filter((h) => h !== client);
      for (const host of judged) {
        const start = host.host.digest.oldest! - transitMarginMs;
        const end = host.host.digest.newest! + transitMarginMs;
        const inPeriod = r.times.filter((t) => t >= start && t <= end);
        if (inPeriod.length === 0) continue;
        const latest = inPeriod[inPeriod.length - 1]!;
        const states = client.cmids.flatMap((c) => {
          const s = seenBy(host, c);
          return s === undefined ? [] : [{ s, names: loggedNames(s, client, shared, c) }];
        });
        const reached = states.some(({ s, names }) => {
          const tolerance = s.maxSkewMs + transitMarginMs;
          return names.some((name) => {
            const n = s.names.get(name)!;
            return latest >= n.first - tolerance && latest <= n.last + tolerance;
          });
        });
        // Outside the case, one host that logged the CMID is enough: the client may use either.
        const loggedElsewhere = addressed.length === 0 && withLogs.some((h) => client.cmids.some((c) => {
          const s = seenBy(h, c);
          return s !== undefined && loggedNames(s, client, shared, c).length > 0;
        }));
        if (reached || loggedElsewhere) continue;
        const key = addressed.length > 0 ? host.name : r.host;
        let group = byHost.get(key);
        if (!group) byHost.set(key, (group = { inCase: addressed.length > 0, lines: [], clients: new Set() }));
        if (group.clients.has(client.name)) continue;
        group.clients.add(client.name);
        const target = r.port === null ? r.host : `${r.host}:${r.port}`;
        group.lines.push({
          source: citeMachine(client, client.requestsSource),
          excerpt: `${client.name} (CMID ${client.cmids.join(', ')}): ${inPeriod.length} request(s) 12288 to ${target} from ${iso(inPeriod[0]!)} to ${iso(latest)}; ${host.name}'s log (${iso(host.host.digest.oldest!)} – ${iso(host.host.digest.newest!)}) has no 12290 from this CMID${states.length > 0 ? ' at that time' : ''}`,
        });
        if (addressed.length === 0) break;
      }
    }
  }
  return [...byHost].map(([host, group]) => ({
    id: 'case.client-not-seen-by-host',
    severity: group.inCase ? 'problem' : 'warning',
    explanation: group.inCase ? 'explanation' : 'explanationElsewhere',
    vars: { host, clients: group.clients.size, machines: listNames([...group.clients]) },
    evidence: capped(group.lines, moreLine),
    fixes: [
      { key: 'probe', run: cmd(`kms-doctor probe --host ${hostValue(host) ?? placeholders.kmsHost}`, 'any') },
      // By the rule's fixed name: the display group is translated on localized Windows.
      { key: 'firewall', run: powershell('Get-NetFirewallRule -Name SPPSVC-In-TCP | Select-Object -Property DisplayName, Enabled, Profile', 'host') },
    ],
  }));
}

/** case.host-refuses-client: a host's log holds this client's CMID with a refusal (an HRESULT other than success). */
function hostRefusesClient(machines: readonly CaseMachine[], hosts: readonly HostMachine[], shared: ReadonlySet<string>, lang: Lang): FindingDraft[] {
  const groups = new Map<string, { host: HostMachine; code: string; lines: FindingEvidence[]; clients: string[]; sample: string }>();
  for (const client of clientsOf(machines)) {
    for (const host of hosts) {
      if (host === client) continue;
      for (const cmid of client.cmids) {
        const state = seenBy(host, cmid);
        if (state === undefined) continue;
        for (const [code, failure] of host.host.digest.failures) {
          const refusedNames = loggedNames(state, client, shared, cmid).filter((n) => failure.names.has(n));
          if (refusedNames.length === 0) continue;
          const key = `${host.name}\t${code}`;
          let group = groups.get(key);
          if (!group) groups.set(key, (group = { host, code, lines: [], clients: [], sample: failure.sample }));
          if (group.clients.includes(client.name)) continue;
          group.clients.push(client.name);
          const last = Math.max(...refusedNames.map((n) => failure.names.get(n)!));
          group.lines.push({ source: citeMachine(client, client.requestsSource), excerpt: `${client.name} (CMID ${cmid}, logged as ${refusedNames.join(', ')}): refused with ${code} by ${host.name}, last at ${iso(last)}` });
        }
      }
    }
  }
  return [...groups.values()].map((g) => {
    const explained = explainHresult(g.code, lang);
    return {
      id: 'case.host-refuses-client',
      vars: { host: g.host.name, hresult: g.code, name: explained.name, meaning: explained.meaning, clients: g.clients.length, machines: listNames(g.clients) },
      evidence: capped([{ source: citeMachine(g.host, g.host.host.eventsSource), excerpt: g.sample }, ...g.lines], moreLine),
      fixes: [{ key: 'code' }],
      explains: [g.code],
    };
  });
}

/** case.shared-cmid: several client machines (by name) report one CMID. */
function sharedCmid(machines: readonly CaseMachine[]): FindingDraft[] {
  const byCmid = new Map<string, CaseMachine[]>();
  for (const client of clientsOf(machines)) {
    for (const cmid of client.cmids) {
      let list = byCmid.get(cmid);
      if (!list) byCmid.set(cmid, (list = []));
      if (!list.some((m) => m.name.toLowerCase() === client.name.toLowerCase())) list.push(client);
    }
  }
  const shared = [...byCmid].filter(([, list]) => list.length > 1).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  if (shared.length === 0) return [];
  const clients = shared.reduce((sum, [, list]) => sum + list.length, 0);
  return [{
    id: 'case.shared-cmid',
    vars: { clients, cmids: shared.length, machines: listNames(shared.flatMap(([, list]) => list.map((m) => m.name))) },
    evidence: capped(shared.map(([cmid, list]) => ({ source: `CMID ${cmid}`, excerpt: `${list.length} machines: ${listNames(list.map((m) => m.name))}` })), moreLine),
    fixes: [{ key: 'sysprep', run: cmd(`${sysprepPath} /generalize /oobe /shutdown`, 'client', 'sysprep') }, { key: 'rearm', run: slmgr('/rearm', 'client', 'rearm') }],
  }];
}

/** case.count-below-client-minimum: a host's count is below the minimum count its clients' requests ask for. */
function countBelowClientMinimum(machines: readonly CaseMachine[], hosts: readonly HostMachine[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const host of hosts) {
    const count = host.host.count;
    if (count === null) continue;
    const asking: Array<{ client: CaseMachine; minimum: number; target: string }> = [];
    for (const client of clientsOf(machines)) {
      if (client === host) continue;
      for (const r of client.requests) {
        if (r.minimumCount !== null && r.minimumCount > count && namesHost(r.host, host.host.names)) {
          asking.push({ client, minimum: r.minimumCount, target: r.host });
          break;
        }
      }
    }
    if (asking.length === 0) continue;
    const minimum = Math.max(...asking.map((a) => a.minimum));
    out.push({
      id: 'case.count-below-client-minimum',
      vars: { host: host.name, count, minimum, clients: asking.length, machines: listNames(asking.map((a) => a.client.name)) },
      evidence: capped([
        { source: citeMachine(host, host.host.countSource), excerpt: `${host.name}: current count ${count}` },
        ...asking.map((a) => ({ source: citeMachine(a.client, a.client.requestsSource), excerpt: `${a.client.name}: requests 12288 to ${a.target} ask for a minimum count of ${a.minimum}` })),
      ], moreLine),
      fixes: [{ key: 'grow' }, { key: 'check', run: slmgr('/dlv', 'host') }],
    });
  }
  return out;
}

/** case.clock-skew: a host logged a client's clock more than 4 hours away from its own. */
function clockSkew(machines: readonly CaseMachine[], hosts: readonly HostMachine[], shared: ReadonlySet<string>): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const host of hosts) {
    const skewed: Array<{ client: CaseMachine; cmid: string; ms: number }> = [];
    for (const client of clientsOf(machines)) {
      if (client === host) continue;
      const worst = client.cmids
        .map((cmid) => {
          // The log keeps the clock difference per CMID, not per name: for clones it is the worst of them.
          const s = seenBy(host, cmid);
          return { cmid, ms: s !== undefined && !shared.has(cmid) && loggedNames(s, client, shared, cmid).length > 0 ? s.maxSkewMs : 0 };
        })
        .reduce((a, b) => (b.ms > a.ms ? b : a), { cmid: '', ms: 0 });
      // The client time is logged to the minute: allow that rounding on top of the 4 hours.
      if (worst.ms > maxClockSkewMs + 60_000) skewed.push({ client, ...worst });
    }
    if (skewed.length === 0) continue;
    out.push({
      id: 'case.clock-skew',
      vars: { host: host.name, clients: skewed.length, hours: hoursOf(Math.max(...skewed.map((s) => s.ms))), machines: listNames(skewed.map((s) => s.client.name)) },
      evidence: capped(skewed.map((s) => ({ source: citeMachine(host, host.host.eventsSource), excerpt: `${s.client.name} (CMID ${s.cmid}): its clock as logged in ${host.name}'s 12290 differs from ${host.name}'s by ${hoursOf(s.ms)} h` })), moreLine),
      fixes: [{ key: 'resync', run: cmd('w32tm /resync', 'client') }, { key: 'compare', run: cmd(`w32tm /stripchart /computer:${hostValue(host.name) ?? placeholders.kmsHost} /samples:3 /dataonly`, 'client') }],
      explains: ['0xC004F06C'],
    });
  }
  return out;
}

/** The findings only the machines together show, ranked and rendered in `lang`. */
export function diagnoseCase(machines: readonly CaseMachine[], options: { readonly lang: Lang }): Finding[] {
  const hosts = hostsOf(machines);
  const shared = cmidsOfSeveral(machines);
  const drafts = [
    ...sharedCmid(machines),
    ...clockSkew(machines, hosts, shared),
    ...hostRefusesClient(machines, hosts, shared, options.lang),
    ...countBelowClientMinimum(machines, hosts),
    ...notSeenByHost(machines, hosts, shared),
  ];
  return renderDrafts(drafts, options.lang);
}
