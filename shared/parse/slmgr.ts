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
import { channelFromDescription, channelKind } from '../kms/channels.js';
import { normalizeHresult } from '../kms/error-codes.js';
import { decideRole, reportRoleOf } from '../kms/role.js';
import { productKindOf } from '../kms/product-kind.js';
import { slmgrCommandLabels, slmgrConfirmationFollowUps, slmgrLabels, type SlmgrLabel, type SlmgrLabelSet } from '../kms/slmgr-labels.js';
import { hostCachingOfPhrase, isLocalizedActivatedLine, languageOfPhrase, languagesOfLabel, statusOfLocalizedValue } from '../kms/slmgr-labels-seen.js';
import { unwrapPaste } from './paste-forms.js';
import {
  activatingLine,
  countWithUnit,
  endpointOf,
  hasMaskedPart,
  hresultIn,
  isDescription,
  isExtendedPid,
  isGuid,
  isInstallationId,
  isIpAddress,
  isKeyChannel,
  isKnownApplicationId,
  isMaskedValue,
  isPartialKey,
  isProductName,
  isServiceVersion,
  minutesWithDays,
  notificationCodeOf,
  splitLabelValue,
} from './slmgr-layout.js';
import type {
  ActivationAttempt,
  KmsClientInfo,
  KmsEndpoint,
  KmsHostInfo,
  KmsHostRequests,
  LicenseStatus,
  SlmgrCommandResult,
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
const HOST_NOISE = [
  /^Microsoft \(R\) Windows Script Host\b/i,
  /^Copyright \(C\) Microsoft Corporation\b/i,
  /^(?:PS )?[A-Za-z]:\\[^<>|"*?\r\n]*>/,
  // cmd's own banner, and a prompt copied without its ">" at the end of a transcript.
  /^Microsoft Windows \[[^\]]{1,40}\]$/,
  /^\(c\)\s*(?:\d{4}\s+)?Microsoft Corporation\b/i,
  /^[A-Za-z]:\\[^<>|"*?:\r\n]*$/,
  // Prompts of other consoles (cmder/ConEmu "[C:\\path]$ ").
  /^\[[A-Za-z]:\\[^\]]*\]\s*[$λ>]/,
];
const NOISE = [
  ...HOST_NOISE,
  // Banners and rules third-party wrappers print around slmgr's lines, and their pause prompt.
  /^[*_=~#-]{4,}$/,
  /^\*{3}.*\*{3}$/,
  /^Press any key to continue\b/i,
  // The consent KMS 1.0's slmgr (Windows Server 2003) asks for before /ato.
  /^This operation connects over the Internet to send the appropriate computer information\b/i,
  /^Do you want to continue \[y\/n\]\?/i,
];

// The confirmations of /ipk, /skms, /rearm … (English; a localized one is read by its shape or listed).
const COMMAND_MATCHERS = slmgrCommandLabels.map((label) => {
  const parts = label.en.split(/%([A-Z]+)%/);
  const source = parts.map((part, index) => (index % 2 === 0 ? literal(part.trim()) : '(\\S+)')).join('\\s*');
  return { label, regex: new RegExp(`^${source}$`, 'i') };
});
// Markers of other tools' reports that print slmgr-like names and descriptions: Office ospp.vbs, and a
// PowerShell list of SoftwareLicensingProduct (its property names, padded before the colon).
const FOREIGN_TOOL = /^\s*(?:---Processing-+|LICENSE NAME:|Last 5 characters of installed product key:|SKU ID:|(?:PartialProductKey|LicenseStatus|ProductKeyChannel)\s+:)/m;

/**
 * Joins an "Activating <name>" line and the "(<id>) ..." a console or a page wrapped onto the next line
 * (the id often masked by the poster), so the attempt reads as one line.
 */
function joinBrokenActivatingLines(lines: string[]): void {
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const next = (lines[index + 1] ?? '').trim();
    if (/^[(（][^()（）]{3,60}[)）]\s*(?:\.{3}|…)$/.test(next) && /(?:Windows|Office)\S*,? .*\S$/.test(line) && !/[(（][^()（）]{3,60}[)）]\s*(?:\.{3}|…)?\s*$/.test(line) && activatingLine(`${line} ${next}`) !== null) {
      lines[index] = `${line} ${next}`;
      lines[index + 1] = '';
    }
  }
}

const FOLLOW_UPS = new Set(slmgrConfirmationFollowUps.map((text) => text.toLowerCase()));

/** A value as data: null when empty, masked (`*****`, `<redacted>`) or a documentation placeholder. */
function dataOrNull(text: string | undefined): string | null {
  const value = text?.trim() ?? '';
  return value === '' || isMaskedValue(value) || hasMaskedPart(value) ? null : value;
}

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
  /** /xpr printed "Volume activation will expire": a volume (KMS or AD) client; read by the role only. */
  volumeExpiry: boolean;
  /** The lines of the KMS host block seen so far, in any language: where the next unlabelled line belongs. */
  hostSlots: Set<HostSlot>;
}

/**
 * The KMS host block in slmgr's fixed order (knowledge/SLMGR-LOCALIZATION.md §b): a title, the count, the
 * port, the DNS publishing line, the priority; then a title and the eight request counts.
 */
type HostSlot = 'count' | 'port' | 'dns' | 'priority' | 'requests' | keyof KmsHostRequests;
const REQUEST_ORDER: readonly (keyof KmsHostRequests)[] = [
  'total',
  'failed',
  'unlicensed',
  'licensed',
  'initialGrace',
  'expiredOrHwOutOfTolerance',
  'nonGenuineGrace',
  'notification',
];
const HOST_SLOT_OF_FIELD: Readonly<Record<string, HostSlot>> = {
  'product.kmsHost.currentCount': 'count',
  'product.kmsHost.listeningPort': 'port',
  'product.kmsHost.dnsPublishing': 'dns',
  'product.kmsHost.lowPriority': 'priority',
  'product.kmsHost.requests': 'requests',
  ...Object.fromEntries(REQUEST_ORDER.map((name) => [`product.kmsHost.requests.${name}`, name])),
};

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
  volumeExpiry: false,
  hostSlots: new Set(),
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
  // A masked or placeholder host ("<redacted>:1688", "<KMS-machine-name>:1688") names no machine.
  if (dataOrNull(value.replace(/:\d{1,5}$/, '')) === null) return null;
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
  /** Errors printed as "Error: <code> <text>" (an operation's answer), not connection templates. */
  private readonly answers = new WeakSet<SlmgrError>();
  private readonly unrecognized: string[] = [];
  private serviceVersion: string | null = null;
  private current: ProductDraft | null = null;
  private lastWasUrl = false;
  private xprProduct: ProductDraft | null = null;
  private wrapTarget: { product: ProductDraft; field: 'name' | 'description' } | null = null;
  private readonly commands: SlmgrCommandResult[] = [];
  private readonly languageHits = new Map<string, number>();
  /** The line being read, as pasted (what unrecognizedLines quotes). */
  private originalLine = '';

  constructor(private readonly matchers: MatcherTable) {}

  run(text: string): SlmgrReport {
    const pasted = unwrapPaste(text);
    const lines = pasted.map((line) => line.text);
    if (FOREIGN_TOOL.test(text)) {
      // Listed whole rather than half-read: its lines look like slmgr's but mean other things.
      for (const line of pasted) {
        const trimmed = line.text.trim();
        if (trimmed !== '' && !HOST_NOISE.some((pattern) => pattern.test(trimmed))) this.unrecognized.push(line.original);
      }
      return this.report();
    }
    joinBrokenActivatingLines(lines);
    for (let index = 0; index < lines.length; index += 1) {
      this.originalLine = pasted[index]?.original ?? '';
      this.line(lines, index);
    }
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
    const wrap = this.wrapTarget;
    this.wrapTarget = null;
    if (trimmed === '') return;
    if (NOISE.some((pattern) => pattern.test(trimmed))) {
      this.lastWasUrl = false;
      return;
    }
    // A Name or Description longer than the console (80 columns) continues on the next line, mid-word.
    if (wrap !== null && !/[:：]/.test(trimmed)) {
      wrap.product[wrap.field] = `${wrap.product[wrap.field] ?? ''}${trimmed}`;
      if (wrap.field === 'description') wrap.product.channel = channelFromDescription(wrap.product.description);
      if (raw.length >= 79) this.wrapTarget = wrap;
      return;
    }
    const found = this.match(trimmed);
    if (found !== null) {
      const wasUrl = URL_KEYS.has(found.matcher.label.key) && (found.groups[0] ?? '').trim() !== '';
      if (!this.apply(found.matcher, found.groups, trimmed)) this.unrecognized.push(this.originalLine);
      else if (!found.matcher.localized && found.matcher.label.key !== 'L_MsgErrorText_8') this.languageHits.set('en', (this.languageHits.get('en') ?? 0) + 1);
      this.lastWasUrl = wasUrl;
      const field = found.matcher.label.field;
      if ((field === 'product.name' || field === 'product.description') && raw.length >= 79 && this.current !== null) {
        this.wrapTarget = { product: this.current, field: field === 'product.name' ? 'name' : 'description' };
      }
      return;
    }
    // A URL wrapped by a console or a web page continues on the next line with no spaces.
    if (this.lastWasUrl && URL_CONTINUATION.test(trimmed)) return;
    this.lastWasUrl = false;
    if (this.command(trimmed)) return;
    this.noteLanguage(trimmed);
    const xpr = trimmed.endsWith(':') || trimmed.endsWith('：') ? this.nextIsXprStatus(lines, index) : false;
    if (!xpr && this.layout(lines, index, raw, trimmed)) return;
    // /xpr: "<product name>:" then an indented status line.
    if (xpr) {
      const name = trimmed.slice(0, -1).trim();
      this.xprProduct = this.products.find((product) => product.name === name) ?? this.newProduct(name);
      return;
    }
    this.unrecognized.push(this.originalLine);
  }

  /** A command confirmation (/ipk, /skms, /rearm …) or a line that only follows one. */
  private command(trimmed: string): boolean {
    if (FOLLOW_UPS.has(trimmed.toLowerCase())) return true;
    for (const { label, regex } of COMMAND_MATCHERS) {
      const found = regex.exec(trimmed);
      if (found === null) continue;
      const value = label.token === undefined ? null : (found[1] ?? '').replace(/[.。]$/, '');
      this.commands.push({ command: label.command, value: value === null ? null : dataOrNull(value), succeeded: true, message: trimmed });
      this.languageHits.set('en', (this.languageHits.get('en') ?? 0) + 1);
      return true;
    }
    return false;
  }

  /** Counts the labels and phrases that name a display language (they confirm, they never gate). */
  private noteLanguage(trimmed: string): void {
    const phrase = /^Activating\s/.test(trimmed) ? 'en' : languageOfPhrase(trimmed);
    if (phrase !== null) this.languageHits.set(phrase, (this.languageHits.get(phrase) ?? 0) + 1);
    const split = splitLabelValue(trimmed);
    if (split === null) return;
    for (const lang of languagesOfLabel(split.label)) this.languageHits.set(lang, (this.languageHits.get(lang) ?? 0) + 1);
  }

  /** The first non-blank line after `index`, raw. */
  private static nextFilled(lines: readonly string[], index: number): string | null {
    for (let next = index + 1; next < lines.length; next += 1) if ((lines[next] ?? '').trim() !== '') return lines[next] ?? '';
    return null;
  }

  /** Ends an open activation attempt with the text that followed "Activating …" (an error or a success). */
  private resolveAttempt(attempt: AttemptDraft, text: string): boolean {
    const code = hresultIn(text);
    if (code !== null) {
      attempt.succeeded = false;
      attempt.hresult = normalizeHresult(code) ?? code;
      attempt.message = orNull(text.normalize('NFKC').replace(/^.*?0x[0-9a-f]{8}/i, ''));
      attempt.resolved = true;
      return true;
    }
    if (isLocalizedActivatedLine(text) || /^Product activated successfully\.?$/i.test(text.trim())) {
      attempt.succeeded = true;
      attempt.resolved = true;
      return true;
    }
    // In a language no table knows, by shape (SLMGR-LOCALIZATION.md §b, /ato): every answer slmgr prints
    // after "Activating …" but one starts with its "Error:" label (L_MsgActivated_Failed, the non-genuine
    // texts, "Error: 0x…"); the one without a label is L_MsgActivated, "Product activated successfully."
    const plain = text.normalize('NFKC').trim();
    const labelled = /^([^\d\s:]{1,24})\s*:\s*(\S.*)$/s.exec(plain);
    if (labelled !== null) {
      attempt.succeeded = false;
      attempt.message = orNull(labelled[2]);
      attempt.resolved = true;
      return true;
    }
    if (plain !== '' && plain.length <= 160 && !plain.includes(':') && activatingLine(plain) === null) {
      attempt.succeeded = true;
      attempt.resolved = true;
      return true;
    }
    return false;
  }

  /**
   * Reads a line no label table knows by slmgr's fixed line order and the shape of its value
   * (shared/parse/slmgr-layout.ts). True when the line was understood; what stays uncertain is left null.
   */
  private layout(lines: readonly string[], index: number, raw: string, trimmed: string): boolean {
    const activating = activatingLine(trimmed);
    if (activating !== null) {
      this.current = null;
      const attempt = this.pushAttempt();
      attempt.product = activating.product;
      attempt.activationId = dataOrNull(activating.activationId);
      if (activating.rest !== '') this.resolveAttempt(attempt, activating.rest);
      return true;
    }
    const open = this.openAttempt();
    if (open !== null && this.resolveAttempt(open, trimmed)) return true;
    // "<Error word>: 0x…  <text>" in any language; a bare code after a product is its Notification Reason.
    const error = /^([^\d\s:：]{1,24})\s*[:：]\s*(0x[0-9a-f]{8})\b\s*(.*)$/i.exec(trimmed);
    const reasonOnly = error !== null && this.current !== null && notificationCodeOf(`${error[2] ?? ''}${error[3] ?? ''}`) !== null;
    if (error !== null && !reasonOnly) {
      const code = normalizeHresult(error[2] ?? '') ?? error[2] ?? '';
      const read = { hresult: code, message: orNull(error[3]) };
      this.errors.push(read);
      this.answers.add(read);
      return true;
    }
    const split = splitLabelValue(trimmed);
    const indented = /^\s/.test(raw);
    if (split === null && this.current !== null && (this.current.kmsHost !== null || channelKind(this.current.channel) === 'kmsHost')) {
      return this.hostTitleLine(this.current, SlmgrParser.nextFilled(lines, index));
    }
    if (split === null) {
      const caching = hostCachingOfPhrase(trimmed);
      if (caching !== null && this.current !== null) {
        this.client().hostCaching = caching;
        return true;
      }
      // A block title (client or host information) followed by indented lines, or the title before it
      // ("Most recent activation information", printed without a colon in some languages).
      const next = SlmgrParser.nextFilled(lines, index);
      const after = next === null ? null : SlmgrParser.nextFilled(lines, lines.indexOf(next, index + 1));
      const titleFollows = next !== null && !/^\s/.test(next) && splitLabelValue(next) === null && after !== null && /^\s/.test(after);
      if (this.current !== null && next !== null && (/^\s/.test(next) || titleFollows) && !indented) {
        if (titleFollows) return true;
        if (channelKind(this.current.channel) === 'kmsHost') this.host();
        else this.client();
        return true;
      }
      return false;
    }
    const { label, value } = split;
    if (value === '') return /[:：]\s*$/.test(trimmed) && !indented; // a heading such as "Most recent activation information:"
    // A masked value says only that the poster hid it: understood, and whatever field it was stays unknown.
    if (isMaskedValue(value) || /^[*xX]+(?:[-.][*xX]+){2,}$/.test(value)) return true;
    const product = this.current;
    if (isServiceVersion(value) && product === null) {
      this.serviceVersion = value;
      return true;
    }
    if (isDescription(value)) {
      const target = product !== null && product.description === null ? product : this.newProduct(null);
      this.current = target;
      target.description = value;
      target.channel = channelFromDescription(value);
      if (raw.length >= 79) this.wrapTarget = { product: target, field: 'description' };
      return true;
    }
    if (isProductName(value)) {
      const next = SlmgrParser.nextFilled(lines, index);
      const nextValue = next === null ? null : splitLabelValue(next)?.value ?? null;
      if (product === null || (nextValue !== null && isDescription(nextValue)) || raw.length >= 79) {
        this.current = this.newProduct(value);
        if (raw.length >= 79) this.wrapTarget = { product: this.current, field: 'name' };
        return true;
      }
    }
    if (product === null) return false;
    if (product.kmsHost !== null) {
      const read = this.hostValueLine(product, value);
      if (read !== null) return read;
    }
    const client = product.kmsClient;
    if (isGuid(value)) {
      if (indented || client !== null || (product.activationId !== null && product.applicationId !== null)) {
        const kms = this.client();
        if (kms.cmid !== null) return false;
        kms.cmid = value;
      } else if (isKnownApplicationId(value) && product.applicationId === null) product.applicationId = value;
      else if (product.activationId === null) product.activationId = value;
      else if (product.applicationId === null) product.applicationId = value;
      return true;
    }
    if (isExtendedPid(value)) {
      const data = dataOrNull(value);
      if (indented || client !== null || product.extendedPid !== null) this.client().kmsMachineExtendedPid = data;
      else product.extendedPid = data;
      return true;
    }
    if (isKeyChannel(value)) {
      product.productKeyChannel ??= value;
      return true;
    }
    if (isInstallationId(value)) return true;
    const endpoint = endpointOf(value);
    if (endpoint !== null && (indented || client !== null)) {
      // Of the two lines that print the host a client uses, only the DNS one names DNS, in every translation seen.
      if (/DNS/i.test(label)) this.client().kmsMachineFromDns = endpoint;
      else this.client().registeredKmsMachine = endpoint;
      return true;
    }
    if (isIpAddress(value) && (indented || client !== null)) {
      this.client().kmsMachineIp = value;
      return true;
    }
    const minutes = minutesWithDays(value);
    if (minutes !== null && client === null) {
      product.remainingMinutes ??= minutes;
      return true;
    }
    const reason = notificationCodeOf(value);
    if (reason !== null && client === null) {
      product.notificationReason ??= reason;
      return true;
    }
    const status = statusOfLocalizedValue(value);
    if (status !== null && client === null) {
      product.licenseStatus ??= status;
      return true;
    }
    if (isPartialKey(value) && product.partialProductKey === null && client === null) {
      product.partialProductKey = value;
      return true;
    }
    const count = countWithUnit(value);
    if (count !== null && client !== null) {
      if (client.activationIntervalMinutes === null) client.activationIntervalMinutes = count;
      else if (client.renewalIntervalMinutes === null) client.renewalIntervalMinutes = count;
      else return false;
      return true;
    }
    // Rearm counts and dates (trusted time, evaluation end) feed no field.
    if (count !== null && client === null && product.partialProductKey !== null) return true;
    if (/\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(value)) return true;
    // Certificate and validation URLs feed no field either.
    if (/^https?:\/\/\S+$/i.test(value)) {
      this.lastWasUrl = true;
      return true;
    }
    return false;
  }

  /**
   * A line without a colon in a KMS host product's block: its title, the DNS publishing line (whose
   * enabled/disabled word no shape tells: left null and listed), or the title of the request counts.
   */
  private hostTitleLine(product: ProductDraft, next: string | null): boolean {
    const slots = product.hostSlots;
    // A title is followed by a count ("This license is not in use." is followed by the status line).
    const countFollows = next !== null && /^\d{1,10}$/.test(splitLabelValue(next)?.value ?? '');
    if (product.kmsHost === null) {
      if (!countFollows) return false;
      this.host();
      return true;
    }
    if (slots.has('port') && !slots.has('dns') && !slots.has('requests')) {
      slots.add('dns');
      return false;
    }
    if (!slots.has('requests') && countFollows) {
      slots.add('requests');
      this.requests();
      return true;
    }
    return false;
  }

  /**
   * A "label: value" line inside the KMS host block, by position: the first count is the current count,
   * the next number the port, a word after them the priority (unknown: null and listed), and after the
   * second title the eight request counts in slmgr's order. Null when the line is none of these.
   */
  private hostValueLine(product: ProductDraft, value: string): boolean | null {
    const slots = product.hostSlots;
    const host = this.host();
    if (/^\d{1,10}$/.test(value)) {
      const number = Number(value);
      if (!slots.has('count') && !slots.has('requests')) {
        slots.add('count');
        host.currentCount = number;
        return true;
      }
      if (!slots.has('port') && !slots.has('requests')) {
        slots.add('port');
        if (number > 65535) return false;
        host.listeningPort = number;
        return true;
      }
      if (slots.has('requests')) {
        const next = REQUEST_ORDER.find((name) => !slots.has(name));
        if (next === undefined) return false;
        slots.add(next);
        this.requests()[next] = number;
        return true;
      }
      return null;
    }
    if (slots.has('port') && !slots.has('priority') && !slots.has('requests')) {
      slots.add('priority');
      return false;
    }
    return null;
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
    const slot = HOST_SLOT_OF_FIELD[field ?? ''];
    if (slot !== undefined) this.product().hostSlots.add(slot);

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
        this.product().activationId = dataOrNull(single);
        return true;
      case 'product.applicationId':
        this.product().applicationId = dataOrNull(single);
        return true;
      case 'product.extendedPid':
        this.product().extendedPid = dataOrNull(single);
        return true;
      case 'product.productKeyChannel':
        this.product().productKeyChannel = orNull(single);
        return true;
      case 'product.partialProductKey': {
        const product = this.product();
        if (key === 'L_MsgErrorLicenseNotInUse') product.notInUse = true;
        else product.partialProductKey = dataOrNull(single);
        return true;
      }
      case 'product.licenseStatus': {
        const status = LICENSE_STATUS_BY_KEY[key] ?? null;
        if (isXprOnly(matcher.label)) {
          const target = this.xprProduct ?? this.product();
          target.licenseStatus ??= status;
          if (key === 'L_MsgLicenseStatusVL') target.volumeExpiry = true;
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
        this.client().cmid = dataOrNull(single);
        return true;
      case 'product.kmsClient.registeredLookupDomain':
        this.client().registeredLookupDomain = dataOrNull(single);
        return true;
      case 'product.kmsClient.registeredKmsMachine':
        this.client().registeredKmsMachine = parseKmsEndpoint(single);
        return true;
      case 'product.kmsClient.kmsMachineFromDns':
        this.client().kmsMachineFromDns = key === 'L_MsgKmsFromDnsUnavailable' ? null : parseKmsEndpoint(single);
        return true;
      case 'product.kmsClient.kmsMachineIp':
        this.client().kmsMachineIp = key === 'L_MsgKmsIpAddressUnavailable' ? null : dataOrNull(single);
        return true;
      case 'product.kmsClient.kmsMachineExtendedPid':
        this.client().kmsMachineExtendedPid = dataOrNull(single);
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
          activationId: dataOrNull(value('PRODUCTID')),
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
          this.answers.add(error);
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
    const products: SlmgrProduct[] = this.products.map(({ notInUse: _notInUse, volumeExpiry: _volumeExpiry, hostSlots: _hostSlots, configuredActivationType, kmsClient, kmsHost, ...rest }) => ({
      ...rest,
      kind: productKindOf(rest),
      kmsClient: kmsClient === null ? null : { ...kmsClient },
      kmsHost: kmsHost === null ? null : { ...kmsHost, requests: kmsHost.requests === null ? null : { ...kmsHost.requests } },
      // Optional in the contract: present only when the output showed it.
      ...(configuredActivationType === undefined ? {} : { configuredActivationType }),
    }));
    let errors = this.errors;
    // An error printed alone (no product, no version line, no command) is the answer to /ato: slmgr prints
    // nothing else when an activation fails before it could name the product.
    const lone = products.length === 0 && this.attempts.length === 0 && this.serviceVersion === null && this.commands.length === 0;
    const isAnswer = (error: SlmgrError): boolean => error.hresult !== null && this.answers.has(error);
    if (lone && errors.some(isAnswer)) {
      for (const error of errors.filter(isAnswer)) {
        this.attempts.push({ product: null, activationId: null, succeeded: false, hresult: error.hresult, message: error.message, resolved: true });
      }
      errors = errors.filter((error) => !isAnswer(error));
    }
    const activation: ActivationAttempt[] = this.attempts.map(({ resolved: _resolved, ...attempt }) => attempt);
    // The same facts analyze reads from a paste: the products and, when none says, the /ato answers.
    const decided = decideRole({ products: this.products.map((product) => ({ ...product, inUse: !product.notInUse })), activations: activation });
    const report: SlmgrReport = {
      source: 'slmgr-text',
      role: reportRoleOf(decided.role),
      roleReason: decided.reason,
      serviceVersion: this.serviceVersion,
      products,
      activation,
      unrecognizedLines: this.unrecognized,
      displayLanguage: this.displayLanguage(),
      ...(this.commands.length > 0 ? { commands: this.commands } : {}),
    };
    return errors.length > 0 ? { ...report, errors } : report;
  }

  /** The language most labels and phrases name; null when none is known (never guessed from the script). */
  private displayLanguage(): string | null {
    let best: string | null = null;
    let hits = 0;
    for (const [lang, count] of this.languageHits) {
      // A localized label outweighs English ones: slmgr falls back to English for keys an ini lacks.
      const weight = lang === 'en' ? count : count * 4;
      if (weight > hits) {
        best = lang;
        hits = weight;
      }
    }
    return best;
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
