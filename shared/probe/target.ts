/**
 * Validation of what a user (or evidence) names as a probe target: host names, domains, IP literals,
 * ports and DNS servers. Everything is refused with a one-line reason before any network traffic.
 *
 * Pure: IDN → punycode conversion is passed in (`toAscii`, e.g. Node's `url.domainToASCII`), since
 * shared/ may not import Node.
 */

/** Converts a Unicode domain to its ASCII (punycode) form; returns '' when it cannot. */
export type ToAscii = (domain: string) => string;

export type HostKind = 'ipv4' | 'ipv6' | 'name';

export interface HostPort {
  /** Lower-case ASCII host name or IP literal (an IPv6 literal without brackets). */
  readonly host: string;
  readonly port: number;
  readonly kind: HostKind;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const KMS_DEFAULT_PORT = 1688;
export const DNS_DEFAULT_PORT = 53;
/** A domain may not exceed 253 characters in text form (RFC 1035 §2.3.4 less the root and length bytes). */
const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
/** Anything longer is refused before any conversion work is done on it. */
const MAX_INPUT_LENGTH = 1024;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/**
 * Quotes user text for an error message: JSON-escaped, so control characters stay visible, and cut short.
 */
export function quoteInput(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return JSON.stringify(shown);
}

/**
 * Finds the first character that can never be part of a host, domain or address we accept.
 *
 * Letters and digits of any script (IDN), '-', '.', ':' and brackets pass; shell and PowerShell
 * metacharacters, quotes, whitespace and control characters do not.
 */
export function firstForbiddenCharacter(text: string): string | null {
  for (const char of text) {
    if (!/^[\p{L}\p{M}\p{N}.:[\]-]$/u.test(char)) return char;
  }
  return null;
}

function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/\s/u.test(char)) return 'whitespace';
  return `'${char}'`;
}

/** Parses a dotted-quad IPv4 literal; leading zeros are refused (some stacks read them as octal). */
export function parseIpv4(text: string): string | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
  }
  return text;
}

/**
 * Parses an IPv6 literal (RFC 4291 §2.2 text forms, with an optional trailing IPv4 part); returns it
 * lower-cased, or null. Zone ids (`%eth0`) are not accepted.
 */
export function parseIpv6(text: string): string | null {
  if (text.length < 2 || text.length > 45) return null;
  const lower = text.toLowerCase();
  const halves = lower.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): string[] | null => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const all = [...head, ...tail];
  let units = 0;
  for (const [index, group] of all.entries()) {
    const last = index === all.length - 1;
    if (last && group.includes('.')) {
      if (parseIpv4(group) === null) return null;
      units += 2;
    } else if (/^[0-9a-f]{1,4}$/.test(group)) {
      units += 1;
    } else {
      return null;
    }
  }
  if (halves.length === 2 ? units > 7 : units !== 8) return null;
  return lower;
}

/** Parses a port number written in decimal, 1–65535. */
export function parsePort(text: string): number | null {
  if (!/^[1-9]\d{0,4}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/**
 * Checks an ASCII host name against RFC 1123 §2.1 (labels of letters, digits and inner hyphens,
 * 1–63 characters, 253 in all); returns the reason it fails, or null.
 */
export function hostnameProblem(ascii: string): string | null {
  if (ascii.length === 0) return 'the name is empty';
  for (const label of ascii.split('.')) {
    if (label.length === 0) return 'the name has an empty label (two dots in a row, or a leading dot)';
    if (label.length > MAX_LABEL_LENGTH) return `a label is ${label.length} characters long (at most ${MAX_LABEL_LENGTH})`;
    if (!/^[a-z0-9-]+$/.test(label)) return `the label ${quoteInput(label)} has a character other than a-z, 0-9 and '-'`;
    if (label.startsWith('-') || label.endsWith('-')) return `the label ${quoteInput(label)} starts or ends with '-'`;
  }
  if (ascii.length > MAX_NAME_LENGTH) return `the name is ${ascii.length} characters long (at most ${MAX_NAME_LENGTH})`;
  return null;
}

/** The common front door: length and character checks that run before any conversion. */
function precheck(text: string): string | null {
  if (text.length === 0) return 'it is empty';
  if (text.length > MAX_INPUT_LENGTH) return `it is ${text.length} characters long`;
  const bad = firstForbiddenCharacter(text);
  return bad === null ? null : `it contains ${describeCharacter(bad)}, which no host name or address may contain`;
}

/** Converts a validated-characters name to lower-case ASCII and checks it against RFC 1123. */
function toHostname(text: string, toAscii: ToAscii): Checked<string> {
  const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
  // Names that are all ASCII skip the IDNA step, whose mapping rules would otherwise rewrite them.
  const ascii = /^[\x20-\x7e]*$/.test(trimmed) ? trimmed.toLowerCase() : toAscii(trimmed).toLowerCase();
  if (ascii === '') return fail('it is not a valid internationalized domain name');
  const problem = hostnameProblem(ascii);
  return problem === null ? ok(ascii) : fail(problem);
}

/**
 * Validates a DNS domain (to build `_vlmcs._tcp.<domain>`); IDN is converted to punycode.
 *
 * Returns the lower-case ASCII domain without a trailing dot.
 */
export function checkDomain(text: string, toAscii: ToAscii): Checked<string> {
  const early = precheck(text);
  if (early !== null) return fail(early);
  if (/[:[\]]/.test(text)) return fail("a domain has no ':' or brackets (give a port with --host)");
  if (parseIpv4(text) !== null) return fail('it is an IP address, not a domain');
  return toHostname(text, toAscii);
}

/**
 * Validates `host`, `host:port`, `IPv4`, `IPv4:port`, `IPv6`, `[IPv6]` or `[IPv6]:port`.
 *
 * Host names follow RFC 1123 (IDN converted to punycode); ports are 1–65535.
 */
export function checkHostPort(text: string, defaultPort: number, toAscii: ToAscii): Checked<HostPort> {
  const early = precheck(text);
  if (early !== null) return fail(early);
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed !== null) {
    const address = parseIpv6(bracketed[1] ?? '');
    if (address === null) return fail('the part in brackets is not an IPv6 address');
    return withPort(address, 'ipv6', bracketed[2], defaultPort);
  }
  if (text.includes('[') || text.includes(']')) return fail('brackets are only for an IPv6 address, as [v6]:port');
  const colons = text.split(':').length - 1;
  if (colons >= 2) {
    const address = parseIpv6(text);
    return address === null ? fail('it is not a valid IPv6 address (write [v6]:port to give a port)') : ok({ host: address, port: defaultPort, kind: 'ipv6' });
  }
  const [hostPart = '', portPart] = text.split(':');
  if (parseIpv4(hostPart) !== null) return withPort(hostPart, 'ipv4', portPart, defaultPort);
  if (/^[\d.]+$/.test(hostPart)) return fail('it looks like an IPv4 address but is not a valid one');
  const name = toHostname(hostPart, toAscii);
  if (!name.ok) return name;
  return withPort(name.value, 'name', portPart, defaultPort);
}

function withPort(host: string, kind: HostKind, portText: string | undefined, defaultPort: number): Checked<HostPort> {
  if (portText === undefined) return ok({ host, port: defaultPort, kind });
  const port = parsePort(portText);
  return port === null ? fail(`the port "${portText}" is not a number from 1 to 65535`) : ok({ host, port, kind });
}

/** Writes host and port the way `--host` and the probe document's `server` show them ([v6]:port). */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Validates a DNS server, `IP`, `IP:PORT`, `[IPv6]:PORT` (port 53 by default); returns "IP:PORT".
 *
 * A server must be an address: naming it would need another resolver to find it.
 */
export function checkDnsServer(text: string): Checked<string> {
  const parsed = checkHostPort(text, DNS_DEFAULT_PORT, () => '');
  if (!parsed.ok) return parsed;
  if (parsed.value.kind === 'name') return fail('a DNS server must be an IP address, not a name');
  return ok(formatHostPort(parsed.value.host, parsed.value.port));
}
