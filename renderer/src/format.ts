import { apiErrorCodes, type ApiErrorCode } from '../../shared/contract/errors.js';
import type { TFunction } from 'i18next';

/** A date and time in the UI language (the ISO value is kept for the title attribute). */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar day (YYYY-MM-DD, UTC) in the UI language. */
export function formatDay(day: string, language: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A number with the UI language's grouping. */
export function formatNumber(value: number, language: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
}

/** A byte size in B/KB/MB/GB (1024-based), localised. */
export function formatBytes(bytes: number, language: string, t: TFunction): string {
  if (bytes < 1024) return t('units.bytes', { value: formatNumber(bytes, language) });
  const units = ['kb', 'mb', 'gb'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return t(`units.${units[unit]}`, { value: formatNumber(value, language, 1) });
}

/** Seconds with one decimal, localised. */
export function formatSeconds(ms: number, language: string): string {
  return formatNumber(ms / 1000, language, 1);
}

/**
 * A list joined as the UI language writes it: "long" for a sentence ("A, B, and C"; Japanese "A、B、C";
 * Chinese "A、B和C"), "narrow" for a run of values such as machine names ("A, B, C"; "A、B、C").
 */
export function formatList(items: readonly string[], language: string, style: 'long' | 'narrow' = 'long'): string {
  return new Intl.ListFormat(language, { style, type: 'conjunction' }).format(items);
}

/** What the API threw, as the contract's code (translated by the UI) and the service's one-line message (shown verbatim). */
export interface ErrorInfo {
  readonly code: ApiErrorCode;
  readonly message: string;
}

/** The code and message of anything thrown by the API (a plain ApiError object or an Error: code "failed"). */
export function errorInfo(error: unknown): ErrorInfo {
  const code = typeof error === 'object' && error !== null && 'code' in error && (apiErrorCodes as readonly unknown[]).includes(error.code) ? (error.code as ApiErrorCode) : 'failed';
  return { code, message: errorMessage(error) };
}

/** The one-line message of anything thrown by the API (a plain ApiError object or an Error). */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message.split('\n')[0] ?? '';
  return String(error);
}
