/**
 * Events exported as objects rather than Event Viewer text: `Get-WinEvent | ConvertTo-Json` (Id,
 * ProviderName, LogName, MachineName, TimeCreated as "/Date(ms)/", Message), `Export-Csv` of the same
 * properties, and JSON renderings of the event record (System/EventData as objects, e.g. evtx dumpers).
 * Each object becomes one Event Viewer style record whose message is read by parseEventText, so the
 * Info fields of a message are read by one reader whatever the export.
 */
import type { KmsEvent } from '../types.js';
import { parseEventText, type EventTextResult } from './event-text.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface EventObject {
  readonly id: number;
  readonly provider: string | null;
  readonly logName: string | null;
  readonly computer: string | null;
  /** ISO 8601 UTC when the export gave an absolute time. */
  readonly timeUtc: string | null;
  /** The time as printed without a zone (Export-Csv, Format-List), for Event Viewer's Date line. */
  readonly timeLocal: string | null;
  readonly message: string | null;
  readonly data: readonly string[];
}

const lower = (object: { [key: string]: Json }): Map<string, Json> => new Map(Object.entries(object).map(([k, v]) => [k.toLowerCase().replace(/[_\s]/g, ''), v]));

function pick(map: ReadonlyMap<string, Json>, ...keys: string[]): Json | undefined {
  for (const key of keys) if (map.has(key)) return map.get(key);
  return undefined;
}

const asText = (value: Json | undefined): string | null => (typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null);

/** "/Date(1749897432000)/" (ConvertTo-Json of a DateTime in Windows PowerShell) or an ISO time → UTC ISO. */
function utcOf(value: Json | undefined): string | null {
  if (typeof value !== 'string') return null;
  const ms = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/.exec(value.trim());
  if (ms !== null) return new Date(Number(ms[1])).toISOString();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/.test(value.trim())) {
    const time = Date.parse(value.trim());
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  return null;
}

/** One event object in any of the shapes above, or null when the object is not an event. */
function eventOf(value: Json): EventObject | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const top = lower(value);
  const systemValue = pick(top, 'system');
  const system = systemValue !== undefined && systemValue !== null && typeof systemValue === 'object' && !Array.isArray(systemValue) ? lower(systemValue) : top;
  const idValue = pick(system, 'id', 'eventid') ?? pick(top, 'id', 'eventid');
  const idText = asText(idValue);
  if (idText === null || !/^\d{1,5}$/.test(idText)) return null;
  const provider = pick(system, 'providername', 'provider', 'source');
  const providerName = typeof provider === 'object' && provider !== null && !Array.isArray(provider) ? asText(lower(provider).get('name')) : asText(provider);
  const time = pick(system, 'timecreated', 'timestamp') ?? pick(top, 'timecreated');
  const timeText = typeof time === 'object' && time !== null && !Array.isArray(time) ? asText(lower(time).get('systemtime')) : asText(time);
  const eventData = pick(top, 'eventdata');
  const dataValue = eventData !== null && typeof eventData === 'object' && !Array.isArray(eventData) ? lower(eventData).get('data') : pick(top, 'properties');
  const data = (Array.isArray(dataValue) ? dataValue : dataValue === undefined ? [] : [dataValue])
    .map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? asText(lower(item).get('value') ?? lower(item).get('#text')) : asText(item)))
    .filter((item): item is string => item !== null);
  const utc = utcOf(timeText ?? undefined);
  return {
    id: Number(idText),
    provider: providerName,
    logName: asText(pick(system, 'logname', 'channel') ?? pick(top, 'logname', 'channel')),
    computer: asText(pick(system, 'machinename', 'computer', 'computername') ?? pick(top, 'machinename', 'computer')),
    timeUtc: utc,
    timeLocal: utc === null ? timeText : null,
    message: asText(pick(top, 'message')),
    data,
  };
}

/** Reads event objects as Event Viewer records (one reader for every message and Info line). */
function readObjects(objects: readonly EventObject[], result: EventTextResult): void {
  for (const object of objects) {
    const lines = [
      `Log Name: ${object.logName ?? ''}`,
      `Source: ${object.provider ?? ''}`,
      ...(object.timeLocal === null ? [] : [`Date: ${object.timeLocal}`]),
      `Event ID: ${object.id}`,
      `Computer: ${object.computer ?? ''}`,
      'Description:',
      // Without a message, the event's data stands for it (the 8198 "hr=…" string, an Info string).
      ...(object.message ?? object.data.join('\n')).split(/\r\n|\n|\r/),
    ];
    const read = parseEventText(lines.join('\n'));
    for (const problem of read.unrecognized) result.unrecognized.push(`event ${object.id}: ${problem}`);
    for (const event of read.events) {
      const built: KmsEvent = { ...event, ...(object.timeUtc === null ? {} : { timeCreated: object.timeUtc }) };
      result.events.push(built);
    }
  }
}

function collect(value: Json, out: EventObject[], depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  const event = eventOf(value);
  if (event !== null) {
    out.push(event);
    return;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) collect(item, out, depth + 1);
}

/** Events of a JSON export; null when the text is not JSON holding events. */
export function parseEventJson(text: string): EventTextResult | null {
  let value: Json;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch {
    return null;
  }
  const objects: EventObject[] = [];
  collect(value, objects, 0);
  if (objects.length === 0) return null;
  const result: EventTextResult = { events: [], unrecognized: [] };
  readObjects(objects, result);
  return result;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes doubled, and line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** Events of an Export-Csv of Get-WinEvent; null when the text is not such a CSV. */
export function parseEventCsv(text: string): EventTextResult | null {
  const body = text.replace(/^\uFEFF/, '').replace(/^#TYPE[^\r\n]*(?:\r\n|\n|\r)/, '');
  const rows = csvRows(body);
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase());
  if (header === undefined || !header.includes('id') || !(header.includes('message') || header.includes('providername'))) return null;
  const objects: EventObject[] = [];
  for (const row of rows.slice(1)) {
    const record: { [key: string]: Json } = {};
    header.forEach((name, index) => (record[name] = row[index] ?? ''));
    const event = eventOf(record);
    if (event !== null) objects.push(event);
  }
  const result: EventTextResult = { events: [], unrecognized: [] };
  readObjects(objects, result);
  return result;
}
