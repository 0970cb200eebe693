/**
 * The value shapes of slmgr output (knowledge/SLMGR-LOCALIZATION.md §d "Never translated"): GUIDs, the
 * Extended PID, product key channel tokens, the 5-character partial key, HRESULTs, minute/day pairs,
 * `name:port`, IP addresses. They are the same in every display language, so a line whose label no table
 * knows still says what it holds. Pure functions over one line; the parser (slmgr.ts) adds the position.
 */
import { normalizeHresult } from '../kms/error-codes.js';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_IN_PARENS = /[(（]\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*[)）]/i;
/** An Activation ID in brackets that a poster masked ("(*-*-*-*-*)", "(xxxxxxxx-…)", "(<ID>)"). */
const MASKED_ID_IN_PARENS = /[(（]\s*(\*+(?:[-.]\*+)*|[xX*#?]{3,}(?:-[xX*#?]+)*|<[^<>]{1,40}>)\s*[)）]/;
/** 05426-00206-234-001162-03-1033-9200.0000-0992013 (digits may be masked by the poster). */
const EXTENDED_PID = /^[\d*]{5}-[\d*]{5}-[\d*]{3}-[\d*]{6}-[\d*]{2}-[\d*]{4}-[\d*]{4,5}\.[\d*]{4}-[\d*]{7}$/;
const KEY_CHANNEL = /^(?:Retail(?::\w+)?|Volume:(?:GVLK|MAK|CSVLK)|OEM:[A-Z:]+|OEM_\w+|Retail:TB:Eval|TB:Eval)$/;
const PARTIAL_KEY = /^(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5}$/;
const INSTALLATION_ID = /^\d{45,70}$/;
const SERVICE_VERSION = /^\d{1,2}\.\d{1,2}\.\d{4,5}\.\d{1,6}$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:]*$/i;
const ENDPOINT = /^(\[[0-9a-f:]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):(\d{1,5})$/;
const HRESULT = /\b0x([0-9a-f]{8})\b/i;
/** "259200 minute(s) (180 day(s))", "259200 分 (180 日)", "259200 мин. (180 дн.)": two counts, the second in brackets. */
const MINUTES_DAYS = /^(\d{1,9})\s*\D{0,20}?\s?[(（]\s*(\d{1,6})\s*\D{0,20}$/;
/** "120 minutes", "120 Minuten", "120 分": one count and a short unit word. */
const COUNT_WITH_UNIT = /^(\d{1,9})\s*[^\d\s:：]{0,16}\.?$/;
/** Masks people put over values, and placeholders of documentation templates. */
const MASKED = /^(?:\*+|\*+(?:[-.]\*+){2,}|x{5}|X{5}|#{3,}|<[^<>]{1,40}>|\[[^\]]{0,40}\]|\*[^*]{1,40}\*|\.{3}|…|redacted|removed|hidden)$/i;

/** The application IDs of Windows and of Office (2010 and later: 0ff1ce1x-a989-479d-af46-f275c6370663). */
const KNOWN_APPLICATION_ID = /^(?:55c92734-d682-4d71-983e-d6ec3f16059f|0ff1ce1[0-9a-f]-a989-479d-af46-f275c6370663|59a52881-a989-479d-af46-f275c6370663)$/i;

export interface LabelValue {
  readonly label: string;
  readonly value: string;
}

/**
 * A line's label and value, split at its first colon (ASCII or full-width, spaces around it optional):
 * labels never hold a colon, values may (`name:port`, times, URLs). Null for a line without one.
 */
export function splitLabelValue(line: string): LabelValue | null {
  const match = /^([^:：]{1,80}?)\s*[:：]\s*(.*)$/s.exec(line.trim());
  if (match === null) return null;
  const label = (match[1] ?? '').trim();
  // "http", "C" (a drive letter) and similar are not labels: a value would start with "//" or "\".
  if (label === '' || /^[a-z]{3,5}$/i.test(label) && /^\/\//.test(match[2] ?? '')) return null;
  return { label, value: (match[2] ?? '').trim() };
}

/** A GUID of one repeated digit (`aaaaaaaa-aaaa-…`, all zeros): what a poster types over a real one. */
const REPEATED_GUID = /^([0-9a-f])\1{7}-\1{4}-\1{4}-\1{4}-\1{12}$/i;

/** True for a value a person masked or a documentation placeholder (read as unknown, never as data). */
export function isMaskedValue(value: string): boolean {
  return MASKED.test(value.trim()) || REPEATED_GUID.test(value.trim());
}

/** True when a value contains masking characters inside it ("06401-00206-491-******-03-…"). */
export function hasMaskedPart(value: string): boolean {
  return /\*{3,}|<[^<>]{1,40}>|x{5}/i.test(value);
}

export const isGuid = (value: string): boolean => GUID.test(value);
export const isKnownApplicationId = (value: string): boolean => KNOWN_APPLICATION_ID.test(value);
export const isExtendedPid = (value: string): boolean => EXTENDED_PID.test(value);
export const isKeyChannel = (value: string): boolean => KEY_CHANNEL.test(value);
export const isPartialKey = (value: string): boolean => PARTIAL_KEY.test(value);
export const isInstallationId = (value: string): boolean => INSTALLATION_ID.test(value);
export const isServiceVersion = (value: string): boolean => SERVICE_VERSION.test(value);
export const isIpAddress = (value: string): boolean => IPV4.test(value) || (IPV6.test(value) && value.split(':').length >= 3);

/** `name:port` of a KMS host (an IPv6 host in brackets), or null. */
export function endpointOf(value: string): { name: string; port: number } | null {
  const match = ENDPOINT.exec(value.trim());
  if (match === null) return null;
  const port = Number(match[2]);
  return port <= 65535 ? { name: (match[1] ?? '').replace(/^\[(.*)\]$/, '$1'), port } : null;
}

/** The first 8-digit HRESULT in a text, canonical (`0x` + upper-case hex), or null. */
export function hresultIn(text: string): string | null {
  const match = HRESULT.exec(text);
  return match === null ? null : normalizeHresult(`0x${match[1] ?? ''}`);
}

/** A Notification Reason value: 0x + 1–8 hex digits, optional period (ASCII or ideographic) and a note in brackets. */
export function notificationCodeOf(value: string): string | null {
  const match = /^0x([0-9a-f]{1,8})\s*[.。]?\s*(?:[(（][^)）]*[)）]\s*[.。]?)?$/i.exec(value.trim());
  return match === null ? null : normalizeHresult(`0x${match[1] ?? ''}`);
}

/**
 * Minutes of a "minutes (days)" value when the days agree with them as slmgr computes them (ceiling in the
 * Windows 8+ script, floor in the Windows 7 one): two numbers that agree are not a coincidence.
 */
export function minutesWithDays(value: string): number | null {
  const match = MINUTES_DAYS.exec(value.trim());
  if (match === null) return null;
  const minutes = Number(match[1]);
  const days = Number(match[2]);
  return days === Math.ceil(minutes / 1440) || days === Math.floor(minutes / 1440) ? minutes : null;
}

/** A count followed by a short unit word ("120 minutes"); null for anything else. */
export function countWithUnit(value: string): number | null {
  const match = COUNT_WITH_UNIT.exec(value.trim());
  return match === null ? null : Number(match[1]);
}

/** A product Name value: what the license files call products (never translated). */
export function isProductName(value: string): boolean {
  return /^(?:Windows|Office|Microsoft|Visio|Project|SQL Server)\b/i.test(value.trim()) && !GUID_IN_PARENS.test(value);
}

/** A product Description value: "…, <TOKEN> channel" (never translated; slmgr itself picks blocks by it). */
export function isDescription(value: string): boolean {
  return /[,-]\s*[A-Za-z0-9_:]+\s+channel\s*\.?$/i.test(value.trim());
}

/**
 * An "Activating <name> (<id>) ..." line in any language: a product name, an Activation ID in brackets and,
 * on a flattened dialog, the rest of the dialog text.
 */
export function activatingLine(line: string): { product: string | null; activationId: string; rest: string } | null {
  const match = GUID_IN_PARENS.exec(line) ?? MASKED_ID_IN_PARENS.exec(line);
  if (match === null) return null;
  const before = line.slice(0, match.index);
  const nameAt = before.search(/(?:Windows|Office|Microsoft|Visio|Project)/i);
  if (nameAt < 0) return null;
  const product = before.slice(nameAt).trim();
  const rest = line.slice(match.index + match[0].length).replace(/^\s*(?:\.{3}|…|。|\.)?\s*/, '');
  return { product: product === '' ? null : product, activationId: match[1] ?? '', rest };
}
