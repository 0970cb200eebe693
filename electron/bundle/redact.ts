import { isIP } from 'node:net';

/**
 * Redaction (DESIGN.md §6): machine names, FQDNs, IP addresses, CMIDs, user names and domain names are
 * replaced by stable pseudonyms (same input → same pseudonym within one bundle), so duplicate-CMID and
 * host/client correlation still work on a redacted bundle.
 *
 * Identifiers are first discovered from where the evidence states them (JSON keys, slmgr host:port lines,
 * event fields), then every occurrence in every text is replaced, whatever file it is in.
 */

export type IdentifierKind = 'machine' | 'domain' | 'fqdn' | 'ip' | 'cmid' | 'user' | 'sid';

export interface Redactor {
  /** Replaces every known identifier (and every IP address) in the text. */
  redact(text: string): string;
  /** The identifiers found, by kind (the originals: for checks, never written anywhere). */
  readonly identifiers: ReadonlyMap<string, IdentifierKind>;
  /** original (lower case) → pseudonym, for the manifest note and tests. */
  readonly mapping: ReadonlyMap<string, string>;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hostname = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}[a-z0-9])?)*\.?$/i;
const ipv4Pattern = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;
const ipv6Candidate = /(?<![0-9a-z:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%[0-9a-z]+)?(?![0-9a-z:])/gi;
const domainSid = /S-1-5-21(?:-\d+){3,4}/g;

/** JSON keys whose string values name a machine, domain or user, in the evidence files the collectors write. */
const machineKeys = new Set(['computername', 'hostname', 'keymanagementservicename', 'keymanagementservicemachine', 'discoveredkeymanagementservicemachinename', 'target', 'host', 'computer', 'clientname', 'kmshost', 'machinename', 'machine']);
const domainKeys = new Set(['domain', 'primarydnssuffix', 'nvdomain', 'suffixsearchlist', 'connectionspecificsuffix', 'keymanagementservicelookupdomain', 'dnsdomainpublishlist', 'dnsdomain', 'registeredlookupdomain']);
const userKeys = new Set(['username', 'user', 'registeredowner']);
const cmidKeys = new Set(['clientmachineid', 'cmid']);

/** Suffixes that are public (co.jp, com.au): redacting them alone would say nothing about the customer. */
const isPublicSuffix = (domain: string): boolean => !domain.includes('.') || /^(?:co|com|net|org|gov|ac|ne|or|go|edu)\.[a-z]{2}$/i.test(domain);

/** Collects identifiers from evidence texts, then builds the replacer. */
export function createRedactor(texts: Iterable<string>): Redactor {
  const identifiers = new Map<string, IdentifierKind>();
  const add = (value: string | null | undefined, kind: IdentifierKind): void => {
    if (value === null || value === undefined) return;
    const trimmed = value.trim().replace(/\.$/, '');
    if (trimmed.length < 3 || trimmed === '') return;
    if (kind === 'cmid') {
      if (guid.test(trimmed)) identifiers.set(trimmed.toLowerCase(), 'cmid');
      return;
    }
    if (isIP(trimmed.replace(/%.*$/, '')) !== 0) return; // IPs are found by pattern everywhere
    if (kind === 'user') {
      const [left, right] = trimmed.includes('\\') ? trimmed.split('\\', 2) : trimmed.includes('@') ? trimmed.split('@', 2).reverse() : [undefined, trimmed];
      if (left !== undefined) add(left, 'domain');
      if (right !== undefined && right.length >= 3 && !/^(system|local service|network service|n\/a)$/i.test(right)) identifiers.set(right.toLowerCase(), 'user');
      return;
    }
    const host = trimmed.replace(/:\d{1,5}$/, '').replace(/^_vlmcs\._tcp\./i, '');
    if (!hostname.test(host) || /^(?:localhost|n\/a|none|null|true|false|any)$/i.test(host)) return;
    const labels = host.toLowerCase().split('.');
    if (labels.length === 1) {
      identifiers.set(labels[0]!, kind === 'domain' ? 'domain' : 'machine');
      return;
    }
    if (kind === 'domain') {
      for (let i = 0; i < labels.length - 1; i++) {
        const suffix = labels.slice(i).join('.');
        if (!isPublicSuffix(suffix)) identifiers.set(suffix, 'domain');
      }
      return;
    }
    identifiers.set(host.toLowerCase(), 'fqdn');
    if (labels[0]!.length >= 2) identifiers.set(labels[0]!, 'machine');
    add(labels.slice(1).join('.'), 'domain');
  };

  for (const text of texts) discover(text, add);

  const mapping = new Map<string, string>();
  const counters = new Map<string, number>();
  const next = (kind: string): number => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return n;
  };
  const pad = (n: number): string => String(n).padStart(2, '0');
  const pseudonymFor = (original: string, kind: IdentifierKind): string => {
    const key = original.toLowerCase();
    const known = mapping.get(key);
    if (known !== undefined) return known;
    let made: string;
    switch (kind) {
      case 'cmid':
        made = `00000000-0000-4000-8000-${String(next('cmid')).padStart(12, '0')}`;
        break;
      case 'ip':
        made = original.includes(':') ? `2001:db8::${next('ip6').toString(16)}` : ipv4Pseudonym(next('ip4'));
        break;
      case 'sid':
        made = `S-1-5-21-0-0-0-${1000 + next('sid')}`;
        break;
      case 'domain':
        made = `domain-${pad(next('domain'))}.invalid`;
        break;
      case 'user':
        made = `user-${pad(next('user'))}`;
        break;
      default:
        made = `machine-${pad(next('machine'))}`;
    }
    mapping.set(key, made);
    return made;
  };
  // FQDNs are replaced label by label (machine + domain), so "kms01.corp.example" and "kms01" agree.
  const words = [...identifiers.entries()].filter(([, kind]) => kind !== 'fqdn').sort((a, b) => b[0].length - a[0].length);
  for (const [word, kind] of words) pseudonymFor(word, kind);
  const alternation = words.map(([word]) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const wordPattern = alternation === '' ? null : new RegExp(`(?<![A-Za-z0-9_-])(?:${alternation})(?![A-Za-z0-9_-])`, 'gi');

  const redact = (text: string): string => {
    let out = text.replace(domainSid, (sid) => pseudonymFor(sid, 'sid'));
    out = out.replace(ipv6Candidate, (candidate) => (isIP(candidate.replace(/%.*$/, '')) === 6 && candidate.split(':').length >= 3 ? pseudonymFor(candidate, 'ip') : candidate));
    out = out.replace(ipv4Pattern, (ip) => pseudonymFor(ip, 'ip'));
    if (wordPattern !== null) out = out.replace(wordPattern, (word) => mapping.get(word.toLowerCase()) ?? word);
    return out;
  };

  return { redact, identifiers, mapping };
}

/** Pseudonymous IPv4 addresses from the documentation ranges (RFC 5737), then 10.255.x.y. */
function ipv4Pseudonym(n: number): string {
  const ranges = ['192.0.2', '198.51.100', '203.0.113'];
  const range = ranges[Math.floor((n - 1) / 254)];
  if (range !== undefined) return `${range}.${((n - 1) % 254) + 1}`;
  const m = n - 3 * 254;
  return `10.255.${Math.floor(m / 254) % 256}.${(m % 254) + 1}`;
}

type Add = (value: string | null | undefined, kind: IdentifierKind) => void;

/** Finds identifiers where the evidence states them: JSON, slmgr text, event XML and Event Viewer text. */
function discover(text: string, add: Add): void {
  const trimmed = text.trimStart().replace(/^\uFEFF/, '');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      walkJson(JSON.parse(trimmed), null, add);
    } catch {
      // Not JSON after all: the text rules below still apply.
    }
  }
  for (const line of text.split(/\r?\n/)) {
    // slmgr "KMS machine name from DNS: kms01.corp.example:1688" and "Registered KMS machine name: …" (any language).
    const hostPort = /[:：]\s*([A-Za-z0-9_][A-Za-z0-9_.-]*):(\d{1,5})\s*$/.exec(line);
    if (hostPort && /[A-Za-z]/.test(hostPort[1]!)) add(hostPort[1], 'machine');
    if (/CMID/i.test(line)) for (const id of line.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []) add(id, 'cmid');
    const labelled = /^\s*(Computer|Computer Name|User|Client Name|Domain)\s*:\s*(\S.*?)\s*$/i.exec(line);
    if (labelled) add(labelled[2], /user/i.test(labelled[1]!) ? 'user' : /domain/i.test(labelled[1]!) ? 'domain' : 'machine');
    const lookupDomain = /lookup domain[^:]*:\s*(\S+)\s*$/i.exec(line);
    if (lookupDomain) add(lookupDomain[1], 'domain');
  }
  for (const match of text.matchAll(/<Computer>([^<]+)<\/Computer>/g)) add(match[1], 'machine');
  for (const match of text.matchAll(/_vlmcs\._tcp\.([A-Za-z0-9_.-]+)/gi)) add(match[1], 'domain');
  // Event Info lists: HRESULT first; 12288: hresult, flags, host:port, CMID; 12290: hresult, count, client name, CMID.
  const infos = [
    ...[...text.matchAll(/<EventData>([\s\S]*?)<\/EventData>/g)].map((m) => [...m[1]!.matchAll(/<Data(?:\s[^>]*)?>([^<]*)<\/Data>/g)].map((d) => d[1]!).join(',')),
    ...(text.match(/0x[0-9A-Fa-f]{1,8}\s*,[^\r\n<]*/g) ?? []),
  ];
  for (const info of infos) {
    const fields = info.split(',').map((field) => field.trim());
    if (!/^0x[0-9a-f]{1,8}$/i.test(fields[0] ?? '')) continue;
    if (fields[3] !== undefined && guid.test(fields[3])) {
      add(fields[3], 'cmid');
      add(fields[2], 'machine');
    } else if (fields.length === 2) {
      add(fields[1], 'domain'); // 12293: HRESULT, DNS domain
    }
  }
  for (const match of text.matchAll(/Publishing the Key Management Service \(KMS\) to DNS in the '([^']+)' domain/g)) add(match[1], 'domain');
}

function walkJson(value: unknown, key: string | null, add: Add): void {
  if (Array.isArray(value)) {
    for (const item of value) walkJson(item, key, add);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) walkJson(child, childKey.toLowerCase(), add);
    return;
  }
  if (typeof value !== 'string' || key === null) return;
  if (cmidKeys.has(key)) add(value, 'cmid');
  else if (machineKeys.has(key)) add(value, 'machine');
  else if (domainKeys.has(key)) add(value.split(',')[0], 'domain');
  else if (userKeys.has(key)) add(value, 'user');
  else if (key === 'name' && value.startsWith('_vlmcs._tcp.')) add(value, 'domain');
}
