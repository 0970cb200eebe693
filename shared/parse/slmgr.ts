/**
 * slmgr.vbs text parser (/dli, /dlv, /dlv all, /xpr, /ato, mixed, with cscript banners and prompts).
 *
 * Labels are matched as whole-line templates built from the script's own constants
 * (knowledge/SLMGR-LOCALIZATION.md §d): each `%TOKEN%` becomes a capture group, whitespace runs match
 * any whitespace, indentation is ignored (3, 4 or 0 spaces all occur in published copies). With a
 * label set from slmgr.ini the localized template is tried before the English one, so mixed-language
 * output (an ini without the newer keys) reads too. Whole-line constants are tried before templates,
 * templates before "label: value" prefixes, longer before shorter, so "KMS machine IP address: not
 * available" never reads as an address. Anything else is kept in unrecognizedLines. Never throws.
 */
import { channelFromDescription } from '../kms/channels.js';
import { normalizeHresult } from '../kms/error-codes.js';
import { decideRole, reportRoleOf } from '../kms/role.js';
import { slmgrLabels, type SlmgrLabel, type SlmgrLabelSet } from '../kms/slmgr-labels.js';
import type {
  ActivationAttempt,
  KmsClientInfo,
  KmsEndpoint,
  KmsHostInfo,
  KmsHostRequests,
  LicenseStatus,
  SlmgrError,
  SlmgrProduct,
  SlmgrReport,
} from './types.js';

export interface ParseSlmgrOptions {
  /** The slmgr.ini label set of the machine's display language (see parseSlmgrIni). */
  readonly labels?: SlmgrLabelSet | null;
}

type Kind = 'exact' | 'template' | 'prefix';

interface Matcher {
  readonly label: SlmgrLabel;
  /** First character every matching line starts with; null when the text starts with a token. */
  readonly first: string | null;
  readonly kind: Kind;
  readonly regex: RegExp;
  readonly tokens: readonly string[];
  /** Literal characters: longer templates are more specific. */
  readonly weight: number;
  readonly localized: boolean;
}

// Lines longer than this are never slmgr output; skipping the regexes keeps pasted binary fast.
const MAX_LINE = 4000;

const NUMERIC_TOKENS = new Set(['MINUTE', 'DAY', 'COUNT', 'INTERVAL']);

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const literal = (text: string): string => text.split(/\s+/).map(escapeRegex).join('\\s+');

function tokenPattern(token: string): string {
  if (NUMERIC_TOKENS.has(token)) return '(\\d+)';
  if (token === 'ERRCODE') return '([0-9A-Fa-f]+)';
  if (token === 'PRODUCTID') return '([^()]*)';
  return '(.*)';
}

function buildMatcher(label: SlmgrLabel, text: string, localized: boolean): Matcher | null {
  const trimmed = text.trim();
  if (trimmed === '') return null; // an empty ini value prints an empty line: nothing to match
  const known = new Set([...label.en.matchAll(/%([A-Z0-9]+)%/g)].map((match) => match[1] ?? ''));
  const parts = trimmed.split(/%([A-Z0-9]+)%/);
  const tokens: string[] = [];
  let source = '';
  let weight = 0;
  parts.forEach((part, index) => {
    if (index % 2 === 0) {
      if (part.trim() !== '') {
        // Keep edge whitespace as optional so "x%A% y" still needs a gap but trailing spaces do not.
        const lead = /^\s/.test(part) && index > 0 ? '\\s*' : '';
        const trail = /\s$/.test(part) && index < parts.length - 1 ? '\\s*' : '';
        source += lead + literal(part.trim()) + trail;
        weight += part.trim().length;
      } else if (part !== '') {
        source += '\\s*';
      }
    } else if (known.has(part) && !tokens.includes(part)) {
      tokens.push(part);
      source += tokenPattern(part);
    } else {
      // A token the English text lacks (or a repeat) is literal text as far as slmgr is concerned.
      source += escapeRegex(`%${part}%`);
      weight += part.length + 2;
    }
  });
  const first = /^%[A-Z0-9]+%/.test(trimmed) && known.has(parts[1] ?? '') ? null : trimmed.charAt(0);
  // "Label: " + value constants end in colon-space in English; "Most recent activation information:" is a whole line.
  const isPrefix = tokens.length === 0 && /:\s$/.test(label.en) && label.indent !== null;
  if (isPrefix) return { label, first, kind: 'prefix', regex: new RegExp(`^${source}\\s*(.*)$`, 's'), tokens: ['VALUE'], weight, localized };
  const kind: Kind = tokens.length === 0 ? 'exact' : 'template';
  return { label, first, kind, regex: new RegExp(`^${source}$`, 's'), tokens, weight, localized };
}

const KIND_ORDER: Readonly<Record<Kind, number>> = { exact: 0, template: 1, prefix: 2 };

/** Matchers in priority order, indexed by the first character a line must start with. */
class MatcherTable {
  private readonly byFirst = new Map<string, readonly Matcher[]>();
  private readonly anyFirst: readonly Matcher[];

  constructor(readonly all: readonly Matcher[]) {
    this.anyFirst = all.filter((matcher) => matcher.first === null);
  }

  /** The matchers that can match a line starting with this character, still in priority order. */
  candidates(first: string): readonly Matcher[] {
    let list = this.byFirst.get(first);
    if (list === undefined) {
      list = this.anyFirst.length === 0 && !this.all.some((matcher) => matcher.first === first)
        ? []
        : this.all.filter((matcher) => matcher.first === null || matcher.first === first);
      // Bounded: one entry per distinct first character seen; cap it so binary input cannot grow it without end.
      if (this.byFirst.size < 512) this.byFirst.set(first, list);
    }
    return list;
  }
}

const englishMatchers = new MatcherTable(buildMatchers(null));

function buildMatchers(labels: SlmgrLabelSet | null): readonly Matcher[] {
  const matchers: Matcher[] = [];
  for (const label of slmgrLabels) {
    // Labels that are values, not line starts (e.g. "Not Available") never begin a line.
    if (label.indent === null) continue;
    const texts = new Set<string>();
    const localizedText = labels?.values.get(label.key.toLowerCase());
    if (localizedText !== undefined) {
      const matcher = buildMatcher(label, localizedText, true);
      if (matcher !== null) matchers.push(matcher);
      texts.add(localizedText.trim());
    }
    for (const english of [label.en, label.enOld]) {
      if (english === undefined || texts.has(english.trim())) continue;
      texts.add(english.trim());
      const matcher = buildMatcher(label, english, false);
      if (matcher !== null) matchers.push(matcher);
    }
  }
  return matchers.sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.weight - a.weight || Number(b.localized) - Number(a.localized),
  );
}

// Noise around the output: the cscript banner (localized by WSH, not by slmgr.ini) and shell prompts.
const NOISE = [
  /^Microsoft \(R\) Windows Script Host\b/i,
  /^Copyright \(C\) Microsoft Corporation\b/i,
  /^(?:PS )?[A-Za-z]:\\[^<>|"*?\r\n]*>/,
];

interface ProductDraft {
  name: string | null;
  description: string | null;
  channel: string | null;
  activationId: string | null;
  applicationId: string | null;
  extendedPid: string | null;
  productKeyChannel: string | null;
  partialProductKey: string | null;
  licenseStatus: LicenseStatus | null;
  notificationReason: string | null;
  remainingMinutes: number | null;
  configuredActivationType?: SlmgrProduct['configuredActivationType'];
  kmsClient: { -readonly [K in keyof KmsClientInfo]: KmsClientInfo[K] } | null;
  kmsHost: { -readonly [K in keyof Omit<KmsHostInfo, 'requests'>]: KmsHostInfo[K] } & {
    requests: { -readonly [K in keyof KmsHostRequests]: KmsHostRequests[K] } | null;
  } | null;
  notInUse: boolean;
}

interface AttemptDraft {
  product: string | null;
  activationId: string | null;
  succeeded: boolean;
  hresult: string | null;
  message: string | null;
  resolved: boolean;
}

const emptyProduct = (): ProductDraft => ({
  name: null,
  description: null,
  channel: null,
  activationId: null,
  applicationId: null,
  extendedPid: null,
  productKeyChannel: null,
  partialProductKey: null,
  licenseStatus: null,
  notificationReason: null,
  remainingMinutes: null,
  kmsClient: null,
  kmsHost: null,
  notInUse: false,
});

const LICENSE_STATUS_BY_KEY: Readonly<Record<string, LicenseStatus>> = {
  L_MsgLicenseStatusUnlicensed_1: 'unlicensed',
  L_MsgLicenseStatusLicensed_1: 'licensed',
  L_MsgLicenseStatusInitialGrace_1: 'initialGrace',
  L_MsgLicenseStatusAdditionalGrace_1: 'additionalGrace',
  L_MsgLicenseStatusNonGenuineGrace_1: 'nonGenuineGrace',
  L_MsgLicenseStatusNotification_1: 'notification',
  L_MsgLicenseStatusExtendedGrace_1: 'extendedGrace',
  L_MsgLicenseStatusUnknown: 'unknown',
  // /xpr
  L_MsgLicenseStatusUnlicensed: 'unlicensed',
  L_MsgLicenseStatusLicensed: 'licensed',
  L_MsgLicenseStatusVL: 'licensed',
  L_MsgLicenseStatusTBL: 'licensed',
  L_MsgLicenseStatusAVMA: 'licensed',
  L_MsgLicenseStatusInitialGrace: 'initialGrace',
  L_MsgLicenseStatusAdditionalGrace: 'additionalGrace',
  L_MsgLicenseStatusNonGenuineGrace: 'nonGenuineGrace',
  L_MsgLicenseStatusNotification: 'notification',
  L_MsgLicenseStatusExtendedGrace: 'extendedGrace',
};

const ACTIVATION_TYPE_BY_KEY: Readonly<Record<string, NonNullable<SlmgrProduct['configuredActivationType']>>> = {
  L_MsgVLActivationTypeAll: 'all',
  L_MsgVLActivationTypeAD: 'ad',
  L_MsgVLActivationTypeKMS: 'kms',
  L_MsgVLActivationTypeToken: 'token',
};

const REQUEST_FIELD: Readonly<Record<string, keyof KmsHostRequests>> = {
  'product.kmsHost.requests.total': 'total',
  'product.kmsHost.requests.failed': 'failed',
  'product.kmsHost.requests.unlicensed': 'unlicensed',
  'product.kmsHost.requests.licensed': 'licensed',
  'product.kmsHost.requests.initialGrace': 'initialGrace',
  'product.kmsHost.requests.expiredOrHwOutOfTolerance': 'expiredOrHwOutOfTolerance',
  'product.kmsHost.requests.nonGenuineGrace': 'nonGenuineGrace',
  'product.kmsHost.requests.notification': 'notification',
};

// Characters a URL may hold (RFC 3986): a wrapped URL's next line has nothing else.
const URL_CONTINUATION = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

const isXprOnly = (label: SlmgrLabel): boolean => label.commands.length === 1 && label.commands[0] === 'xpr';

const URL_KEYS = new Set(['L_MsgProcessorCertUrl', 'L_MsgMachineCertUrl', 'L_MsgUseLicenseCertUrl', 'L_MsgPKeyCertUrl', 'L_MsgValidationUrl']);

/** A plain non-negative decimal (slmgr prints numbers without grouping), else null. */
function toInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return null;
  return Number(text.trim());
}

const orNull = (text: string | undefined): string | null => {
  const value = text?.trim() ?? '';
  return value === '' ? null : value;
};

/** "host:port" as slmgr prints it (port after the last colon; IPv6 hosts keep their colons). */
export function parseKmsEndpoint(text: string): KmsEndpoint | null {
  const value = text.trim();
  if (value === '') return null;
  const match = /^(.*):(\d{1,5})$/.exec(value);
  if (match !== null && (match[1] ?? '') !== '') {
    const port = Number(match[2]);
    return { name: (match[1] ?? '').replace(/^\[(.*)\]$/, '$1'), port: port <= 65535 ? port : null };
  }
  return { name: value, port: null };
}

/** "0x1234ABCD", "-1073418124" or "5" after "Error: " → the code as slmgr meant it and the rest. */
function splitErrorText(rest: string): { hresult: string | null; message: string | null } {
  const match = /^(0x[0-9A-Fa-f]{1,8}|-\d{1,10}|\d{1,10})(?=\s|$)\s*(.*)$/s.exec(rest.trim());
  if (match === null) return { hresult: null, message: orNull(rest) };
  const code = match[1] ?? '';
  // slmgr prints non-negative (Win32) codes in decimal without 0x; keep those as printed.
  const hresult = code.startsWith('0x') || code.startsWith('-') ? normalizeHresult(code) : code;
  return { hresult, message: orNull(match[2]) };
}

class SlmgrParser {
  private readonly products: ProductDraft[] = [];
  private readonly attempts: AttemptDraft[] = [];
  private readonly errors: SlmgrError[] = [];
  private readonly unrecognized: string[] = [];
  private serviceVersion: string | null = null;
  private current: ProductDraft | null = null;
  private lastWasUrl = false;
  private xprProduct: ProductDraft | null = null;

  constructor(private readonly matchers: MatcherTable) {}

  run(text: string): SlmgrReport {
    const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\n|\r/);
    for (let index = 0; index < lines.length; index += 1) this.line(lines, index);
    return this.report();
  }

  private match(trimmed: string): { matcher: Matcher; groups: readonly string[] } | null {
    if (trimmed.length > MAX_LINE) return null;
    for (const matcher of this.matchers.candidates(trimmed.charAt(0))) {
      const found = matcher.regex.exec(trimmed);
      if (found !== null) return { matcher, groups: found.slice(1).map((group) => group ?? '') };
    }
    return null;
  }

  private line(lines: readonly string[], index: number): void {
    const raw = lines[index] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (NOISE.some((pattern) => pattern.test(trimmed))) {
      this.lastWasUrl = false;
      return;
    }
    const found = this.match(trimmed);
    if (found !== null) {
      const wasUrl = URL_KEYS.has(found.matcher.label.key) && (found.groups[0] ?? '').trim() !== '';
      if (!this.apply(found.matcher, found.groups, trimmed)) this.unrecognized.push(raw);
      this.lastWasUrl = wasUrl;
      return;
    }
    // A URL wrapped by a console or a web page continues on the next line with no spaces.
    if (this.lastWasUrl && URL_CONTINUATION.test(trimmed)) return;
    this.lastWasUrl = false;
    // /xpr: "<product name>:" then an indented status line.
    if (trimmed.endsWith(':') && this.nextIsXprStatus(lines, index)) {
      const name = trimmed.slice(0, -1).trim();
      this.xprProduct = this.products.find((product) => product.name === name) ?? this.newProduct(name);
      return;
    }
    this.unrecognized.push(raw);
  }

  private nextIsXprStatus(lines: readonly string[], index: number): boolean {
    for (let next = index + 1; next < lines.length; next += 1) {
      const trimmed = (lines[next] ?? '').trim();
      if (trimmed === '') continue;
      const found = this.match(trimmed);
      return found !== null && isXprOnly(found.matcher.label);
    }
    return false;
  }

  private newProduct(name: string | null): ProductDraft {
    const product = emptyProduct();
    product.name = name;
    this.products.push(product);
    return product;
  }

  private product(): ProductDraft {
    this.current ??= this.newProduct(null);
    return this.current;
  }

  private client(): NonNullable<ProductDraft['kmsClient']> {
    const product = this.product();
    product.kmsClient ??= {
      cmid: null,
      kmsMachineFromDns: null,
      registeredKmsMachine: null,
      registeredLookupDomain: null,
      kmsMachineIp: null,
      kmsMachineExtendedPid: null,
      activationIntervalMinutes: null,
      renewalIntervalMinutes: null,
      hostCaching: null,
    };
    return product.kmsClient;
  }

  private host(): NonNullable<ProductDraft['kmsHost']> {
    const product = this.product();
    product.kmsHost ??= { currentCount: null, listeningPort: null, dnsPublishing: null, lowPriority: null, requests: null };
    return product.kmsHost;
  }

  private openAttempt(): AttemptDraft | null {
    const last = this.attempts[this.attempts.length - 1];
    return last !== undefined && !last.resolved ? last : null;
  }

  /** Applies one matched line; false when its value could not be read (the line is then listed). */
  private apply(matcher: Matcher, groups: readonly string[], trimmed: string): boolean {
    const { key, field } = matcher.label;
    const value = (name: string): string | undefined => groups[matcher.tokens.indexOf(name)];
    const single = groups[0] ?? '';
    if (!isXprOnly(matcher.label)) this.xprProduct = null;

    switch (field) {
      case null:
        return true;
      case 'serviceVersion':
        this.serviceVersion = orNull(single);
        return true;
      case 'product.name':
        this.current = this.newProduct(orNull(single));
        return true;
      case 'product.description': {
        const product = this.product();
        product.description = orNull(single);
        product.channel = channelFromDescription(product.description);
        return true;
      }
      case 'product.activationId':
        this.product().activationId = orNull(single);
        return true;
      case 'product.applicationId':
        this.product().applicationId = orNull(single);
        return true;
      case 'product.extendedPid':
        this.product().extendedPid = orNull(single);
        return true;
      case 'product.productKeyChannel':
        this.product().productKeyChannel = orNull(single);
        return true;
      case 'product.partialProductKey': {
        const product = this.product();
        if (key === 'L_MsgErrorLicenseNotInUse') product.notInUse = true;
        else product.partialProductKey = orNull(single);
        return true;
      }
      case 'product.licenseStatus': {
        const status = LICENSE_STATUS_BY_KEY[key] ?? null;
        if (isXprOnly(matcher.label)) {
          const target = this.xprProduct ?? this.product();
          target.licenseStatus ??= status;
          return true;
        }
        // "Product activated successfully." + "License Status: Extended grace period" in /ato output.
        if (this.current === null && this.attempts.length > 0) return true;
        this.product().licenseStatus = status;
        return true;
      }
      case 'product.remainingMinutes': {
        const minutes = toInt(value('MINUTE'));
        if (minutes === null) return false;
        this.product().remainingMinutes = minutes;
        return true;
      }
      case 'product.notificationReason': {
        const code = value('ERRCODE') ?? '';
        this.product().notificationReason = normalizeHresult(`0x${code}`) ?? `0x${code}`;
        return true;
      }
      case 'product.configuredActivationType':
        this.product().configuredActivationType = ACTIVATION_TYPE_BY_KEY[key];
        return true;
      case 'product.kmsClient':
        this.client();
        return true;
      case 'product.kmsClient.cmid':
        this.client().cmid = orNull(single);
        return true;
      case 'product.kmsClient.registeredLookupDomain':
        this.client().registeredLookupDomain = orNull(single);
        return true;
      case 'product.kmsClient.registeredKmsMachine':
        this.client().registeredKmsMachine = parseKmsEndpoint(single);
        return true;
      case 'product.kmsClient.kmsMachineFromDns':
        this.client().kmsMachineFromDns = key === 'L_MsgKmsFromDnsUnavailable' ? null : parseKmsEndpoint(single);
        return true;
      case 'product.kmsClient.kmsMachineIp':
        this.client().kmsMachineIp = key === 'L_MsgKmsIpAddressUnavailable' ? null : orNull(single);
        return true;
      case 'product.kmsClient.kmsMachineExtendedPid':
        this.client().kmsMachineExtendedPid = orNull(single);
        return true;
      case 'product.kmsClient.activationIntervalMinutes': {
        const minutes = toInt(value('INTERVAL'));
        if (minutes === null) return false;
        this.client().activationIntervalMinutes = minutes;
        return true;
      }
      case 'product.kmsClient.renewalIntervalMinutes': {
        const minutes = toInt(value('INTERVAL'));
        if (minutes === null) return false;
        this.client().renewalIntervalMinutes = minutes;
        return true;
      }
      case 'product.kmsClient.hostCaching':
        this.client().hostCaching = key === 'L_MsgKmsHostCachingEnabled';
        return true;
      case 'product.kmsHost':
        this.host();
        return true;
      case 'product.kmsHost.currentCount': {
        const count = toInt(single);
        if (count === null) return false;
        this.host().currentCount = count;
        return true;
      }
      case 'product.kmsHost.listeningPort': {
        const port = toInt(single);
        if (port === null || port > 65535) return false;
        this.host().listeningPort = port;
        return true;
      }
      case 'product.kmsHost.dnsPublishing':
        this.host().dnsPublishing = key === 'L_MsgKmsDnsPublishingEnabled';
        return true;
      case 'product.kmsHost.lowPriority':
        this.host().lowPriority = key === 'L_MsgKmsPriLow';
        return true;
      case 'product.kmsHost.requests':
        this.requests();
        return true;
      case 'activation[].product': {
        this.current = null;
        this.attempts.push({
          product: orNull(value('PRODUCTNAME')),
          activationId: orNull(value('PRODUCTID')),
          succeeded: false,
          hresult: null,
          message: null,
          resolved: false,
        });
        return true;
      }
      case 'activation[].succeeded': {
        const attempt = this.openAttempt() ?? this.pushAttempt();
        attempt.succeeded = key === 'L_MsgActivated';
        attempt.message = key === 'L_MsgActivated' ? null : trimmed;
        attempt.resolved = true;
        return true;
      }
      case 'activation[].message': {
        const attempt = this.openAttempt();
        if (attempt === null) return true; // an error text on its own line: understood, nothing to fill
        attempt.message = trimmed;
        attempt.resolved = true;
        return true;
      }
      case 'activation[].hresult': {
        const error = splitErrorText(single);
        const attempt = this.openAttempt();
        if (attempt !== null) {
          attempt.succeeded = false;
          attempt.hresult = error.hresult;
          attempt.message = error.message;
          attempt.resolved = true;
        } else {
          this.errors.push(error);
        }
        return true;
      }
      case 'errors[]': {
        const code = value('ERRCODE');
        this.errors.push({ hresult: code === undefined ? null : (normalizeHresult(`0x${code}`) ?? `0x${code}`), message: trimmed });
        return true;
      }
      default: {
        const requestField = REQUEST_FIELD[field];
        if (requestField === undefined) return true;
        const count = toInt(single);
        if (count === null) return false;
        this.requests()[requestField] = count;
        return true;
      }
    }
  }

  private pushAttempt(): AttemptDraft {
    const attempt: AttemptDraft = { product: null, activationId: null, succeeded: false, hresult: null, message: null, resolved: false };
    this.attempts.push(attempt);
    return attempt;
  }

  private requests(): NonNullable<NonNullable<ProductDraft['kmsHost']>['requests']> {
    const host = this.host();
    host.requests ??= {
      total: null,
      failed: null,
      unlicensed: null,
      licensed: null,
      initialGrace: null,
      expiredOrHwOutOfTolerance: null,
      nonGenuineGrace: null,
      notification: null,
    };
    return host.requests;
  }

  private report(): SlmgrReport {
    const products: SlmgrProduct[] = this.products.map(({ notInUse: _notInUse, configuredActivationType, kmsClient, kmsHost, ...rest }) => ({
      ...rest,
      kmsClient: kmsClient === null ? null : { ...kmsClient },
      kmsHost: kmsHost === null ? null : { ...kmsHost, requests: kmsHost.requests === null ? null : { ...kmsHost.requests } },
      // Optional in the contract: present only when the output showed it.
      ...(configuredActivationType === undefined ? {} : { configuredActivationType }),
    }));
    const activation: ActivationAttempt[] = this.attempts.map(({ resolved: _resolved, ...attempt }) => attempt);
    const decided = decideRole({ products: this.products.map((product) => ({ ...product, inUse: !product.notInUse })) });
    const report: SlmgrReport = {
      source: 'slmgr-text',
      role: reportRoleOf(decided.role),
      roleReason: decided.reason,
      serviceVersion: this.serviceVersion,
      products,
      activation,
      unrecognizedLines: this.unrecognized,
    };
    return this.errors.length > 0 ? { ...report, errors: this.errors } : report;
  }
}

const matcherCache = new WeakMap<SlmgrLabelSet, MatcherTable>();

/**
 * Parses slmgr.vbs output in English or, given the machine's slmgr.ini label set, in its display
 * language (unknown keys fall back to English as slmgr does). Never throws; lines it cannot place
 * are returned in unrecognizedLines and absent fields stay null.
 */
export function parseSlmgrText(text: string, options?: ParseSlmgrOptions): SlmgrReport {
  const labels = options?.labels ?? null;
  let matchers = englishMatchers;
  if (labels !== null) {
    matchers = matcherCache.get(labels) ?? new MatcherTable(buildMatchers(labels));
    matcherCache.set(labels, matchers);
  }
  return new SlmgrParser(matchers).run(typeof text === 'string' ? text : '');
}
