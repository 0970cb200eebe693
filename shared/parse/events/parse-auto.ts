/** Picks the event parser by content: XML (one or many <Event>, <Events>) or pasted text. */
import type { KmsEvent } from '../types.js';
import { createEventStreamParser } from './event-stream-parser.js';
import { parseEventText } from './event-text.js';

export interface AutoParseResult {
  readonly format: 'xml' | 'text';
  readonly events: KmsEvent[];
  readonly unrecognized: string[];
}

/** Whether text is event XML: its first non-blank character is '<' (pasted text starts with words). */
export function looksLikeEventXml(text: string): boolean {
  const m = /^[\s\uFEFF]*(\S)/.exec(text);
  return m?.[1] === '<';
}

/**
 * Parses events from whatever text was given: XML through the streaming parser, anything else as
 * Event Viewer / PowerShell text.
 */
export function parseEventsAuto(text: string): AutoParseResult {
  if (looksLikeEventXml(text)) {
    const events: KmsEvent[] = [];
    const parser = createEventStreamParser((event) => events.push(event));
    parser.push(text);
    return { format: 'xml', events, unrecognized: [...parser.end().unrecognized] };
  }
  return { format: 'text', ...parseEventText(text) };
}
