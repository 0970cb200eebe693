/** Picks the event parser by content: XML (one or many <Event>, <Events>), JSON or CSV exports, or pasted text. */
import { hresultIn } from '../slmgr-layout.js';
import type { KmsEvent } from '../types.js';
import { parseEventCsv, parseEventJson } from './event-objects.js';
import { createEventStreamParser } from './event-stream-parser.js';
import { parseEventText } from './event-text.js';

export interface AutoParseResult {
  readonly format: 'xml' | 'json' | 'csv' | 'text';
  readonly events: KmsEvent[];
  readonly unrecognized: string[];
}

/** Whether text is event XML: its first non-blank character is '<' (pasted text starts with words). */
export function looksLikeEventXml(text: string): boolean {
  const m = /^[\s\uFEFF]*(\S)/.exec(text);
  return m?.[1] === '<';
}

// Where an event states its HRESULT in its data or message: "hr=0x…" (8198), "Error Code: 0x…",
// "Info:" first field (12288–12290); any Security-SPP id may carry one.
const HRESULT_PLACES = [/\bhr\s*=\s*(0x[0-9a-f]{8})\b/i, /error\s*code\s*[:：=]\s*(0x[0-9a-f]{8})\b/i, /(?:^|\n)\s*(0x[0-9a-f]{8})\s*(?:,|$)/i];

/** The event with the HRESULT its data or message states, when its reader did not place one. */
export function withStatedHresult(event: KmsEvent): KmsEvent {
  if (event.hresult !== undefined) return event;
  const text = [...(event.data ?? []), event.message ?? ''].join('\n');
  for (const place of HRESULT_PLACES) {
    const found = place.exec(text);
    const code = found?.[1] === undefined ? null : hresultIn(found[1]);
    // 0x00000000 is S_OK: nothing failed.
    if (code !== null && code !== '0x00000000') return { ...event, hresult: code };
  }
  return event;
}

/**
 * Parses events from whatever text was given: XML through the streaming parser, JSON and CSV exports of
 * Get-WinEvent, anything else as Event Viewer / PowerShell text.
 */
export function parseEventsAuto(text: string): AutoParseResult {
  if (looksLikeEventXml(text)) {
    const events: KmsEvent[] = [];
    const parser = createEventStreamParser((event) => events.push(withStatedHresult(event)));
    parser.push(text);
    return { format: 'xml', events, unrecognized: [...parser.end().unrecognized] };
  }
  const first = /^[\s\uFEFF]*(\S)/.exec(text)?.[1];
  if (first === '{' || first === '[') {
    const json = parseEventJson(text);
    if (json !== null) return { format: 'json', events: json.events.map(withStatedHresult), unrecognized: json.unrecognized };
  }
  if (/^[\s\uFEFF]*(?:#TYPE |"?Id"?,)/.test(text) || /^"[^"\n]*","/.test(text.trimStart())) {
    const csv = parseEventCsv(text);
    if (csv !== null) return { format: 'csv', events: csv.events.map(withStatedHresult), unrecognized: csv.unrecognized };
  }
  const read = parseEventText(text);
  return { format: 'text', events: read.events.map(withStatedHresult), unrecognized: read.unrecognized };
}
