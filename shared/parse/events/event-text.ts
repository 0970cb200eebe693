/**
 * KMS events as people paste them: Event Viewer's "Copy details as text" (a `Log Name:` … `Description:`
 * header, the message, its `Info:` line, and sometimes `Event Xml:`), just the message and its Info
 * line, or what the PoShEvents module prints (`Get-KMSHostEvent | Format-Table`, `Get-KMSClientEvent`
 * as a list). Events without an id are recognised by their message text, or by the exact shape of a
 * bare Info line. Whatever is not understood is listed in `unrecognized`.
 */
import type { KmsEvent } from '../types.js';
import { buildKmsEvent, clip, INFO_FIELD_COUNT, type EventHeader } from './event-fields.js';
import { createEventStreamParser } from './event-stream-parser.js';
import { clientTimeToIso, localTimeToIso } from './event-time.js';
import { withoutHardBreaks } from '../paste-forms.js';
import { hasMaskedPart, isMaskedValue } from '../slmgr-layout.js';

/** Events read from pasted text, and what could not be read. */
export interface EventTextResult {
  events: KmsEvent[];
  unrecognized: string[];
}

// English message texts (the event message templates, DESIGN.md §4 / SLMGR-AND-EVENTS.md (b)).
const MESSAGES: readonly { readonly id: number; readonly pattern: RegExp }[] = [
  { id: 12288, pattern: /client has sent an activation request to the key management service/i },
  { id: 12289, pattern: /client has processed an activation response from the key management service/i },
  { id: 12290, pattern: /an activation request has been processed/i },
  // Microsoft's own published sample spells it "Managment".
  { id: 12293, pattern: /publishing the key manag?ement service \(kms\) to dns in the .+ domain failed/i },
  { id: 12294, pattern: /publishing the key manag?ement service \(kms\) to dns in the .+ domain is successful/i },
  { id: 8198, pattern: /license activation.*failed/i },
  { id: 12308, pattern: /active directory activation has succeeded/i },
  { id: 1003, pattern: /software protection service has completed licensing status check/i },
];

const DOMAIN_IN_MESSAGE = /to dns in the\s+['‘’`"]?([^'‘’`"\s]+)['‘’`"]?\s+domain/i;

// Event Viewer's "Copy details as text" header labels (English).
const HEADER = /^(log name|source|date|event id|task category|level|keywords|user|computer|opcode|error code|description|info)\s*:\s*(.*)$/i;

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const HEX = /^0x[0-9a-f]{1,8}$/i;

interface TextRecord {
  readonly header: Map<string, string>;
  readonly description: string[];
  readonly info: string[];
  readonly extra: string[];
  /** Where the record's Info lines go: after "Info:" until a blank line. */
  mode: 'header' | 'description' | 'info' | 'after-info';
  readonly firstLine: number;
}

const newRecord = (firstLine: number): TextRecord => ({
  header: new Map(),
  description: [],
  info: [],
  extra: [],
  mode: 'header',
  firstLine,
});

/** A line as pasted: trailing blanks, markdown quote markers (`> `) and a BOM removed. */
function cleanLine(line: string): string {
  return line.replace(/^\uFEFF/, '').replace(/^\s*>\s?/, '').replace(/\s+$/, '');
}

/**
 * A header value without the markdown a page wrapped it in: inline code (`` `Server1.contoso.com` ``),
 * emphasis (`*\\<DateTime>*`) and backslash escapes. The value itself is never changed otherwise.
 */
function plainValue(value: string): string {
  let text = value.trim();
  for (let pass = 0; pass < 2; pass += 1) {
    const wrapped = /^(`+|\*{1,2}|_{1,2})(\S(?:.*\S)?)\1$/.exec(text);
    if (wrapped === null) break;
    text = wrapped[2] ?? '';
  }
  return text.replace(/\\([<>*_`\\])/g, '$1');
}

/** An Info line inside the message (no "Info:" label before it): a code, then comma-separated fields. */
function infoLineIn(lines: readonly string[], count: number): number {
  return lines.findIndex((line) => /^0x[0-9a-f]{1,8}\s*,/i.test(line.trim()) && line.split(',').length >= count - 1);
}

/** The id a message names, from its first lines. */
function idFromMessage(lines: readonly string[]): number | null {
  const text = lines.join(' ');
  for (const { id, pattern } of MESSAGES) if (pattern.test(text)) return id;
  return null;
}

/** The id of a bare Info line, only when every field has its exact expected shape. */
function idFromInfoShape(info: string): number | null {
  // "hr=0x…" is how 8198 (license activation by slui) states its code, and nothing else does.
  if (/^hr\s*=\s*0x[0-9a-f]{8}$/i.test(info.trim())) return 8198;
  const spaced = info.includes(', ');
  const f = info.split(',').map((s) => s.trim());
  const uint = (s: string | undefined): boolean => s !== undefined && /^\d+$/.test(s);
  const time = (s: string | undefined): boolean => s !== undefined && clientTimeToIso(s) !== null;
  if (f.length === 9 && HEX.test(f[0] ?? '') && uint(f[1]) && GUID.test(f[3] ?? '') && time(f[4]) && GUID.test(f[8] ?? '')) return 12290;
  if (spaced && f.length === 10 && HEX.test(f[0] ?? '') && HEX.test(f[1] ?? '') && GUID.test(f[3] ?? '') && time(f[4]) && GUID.test(f[8] ?? '')) return 12288;
  if (spaced && f.length === 8 && HEX.test(f[0] ?? '') && HEX.test(f[1] ?? '') && uint(f[4]) && uint(f[5]) && uint(f[6]) && time(f[7])) return 12289;
  return null;
}

const orNull = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value.trim());

/** Turns one Event Viewer style record into an event, or describes why it cannot. */
function recordToEvent(record: TextRecord, unrecognized: string[]): KmsEvent | null {
  const h = record.header;
  let infoText = record.info.join(' ').trim();
  let message = record.description.join('\n').trim();
  let eventId: number | null = null;
  const idText = h.get('event id');
  if (idText !== undefined && /^\d{1,5}$/.test(idText.trim())) eventId = Number(idText.trim());
  if (eventId === null) eventId = idFromMessage(record.description);
  if (eventId === null && infoText !== '') eventId = idFromInfoShape(infoText);
  if (eventId === null && infoText === '') {
    // No id and no English "Info:" label (a bare Info line, or a paste from a non-English Event
    // Viewer whose labels and message this parser does not know): a line with the exact shape of an
    // Info string still identifies the event.
    const lines = record.description;
    for (let k = 0; k < lines.length; k++) {
      const id = idFromInfoShape((lines[k] as string).trim());
      if (id === null) continue;
      eventId = id;
      infoText = (lines[k] as string).trim();
      message = lines.filter((_, j) => j !== k).join('\n').trim();
      break;
    }
  }
  const fieldCount = eventId === null ? undefined : INFO_FIELD_COUNT[eventId];
  if (fieldCount !== undefined && infoText === '') {
    // Copies that keep the Info line but lose its label (and Microsoft's articles that print it so).
    const at = infoLineIn(record.description, fieldCount);
    if (at >= 0) {
      infoText = (record.description[at] as string).trim();
      message = record.description.filter((_, j) => j !== at).join('\n').trim();
    }
  }
  // A documentation template's placeholder in a field ("<CMID>", "<DateTime>") is no value.
  if (infoText.includes('<')) infoText = infoText.split(',').map((field) => (PLACEHOLDER.test(field.trim()) ? '' : field)).join(',');
  if (eventId === null) {
    const what = [...record.description, ...record.info].find((l) => l.trim() !== '') ?? [...h.values()].join(' ');
    unrecognized.push(`line ${record.firstLine}: not a KMS event this parser knows: '${clip(what)}'`);
    return null;
  }
  const dateGiven = orNull(h.get('date'));
  const dateText = dateGiven !== null && PLACEHOLDER.test(dateGiven) ? null : dateGiven;
  const local = dateText === null ? null : localTimeToIso(dateText);
  if (dateText !== null && local === null) unrecognized.push(`line ${record.firstLine}: date '${clip(dateText)}' not understood`);
  const header: EventHeader = {
    eventId,
    logName: orNull(h.get('log name')),
    provider: orNull(h.get('source')),
    timeCreated: null,
    computer: orNull(h.get('computer')),
    recordId: null,
    ...(local === null ? {} : { timeCreatedLocal: local }),
    ...(message === '' ? {} : { message }),
  };
  let data: string[];
  if (INFO_FIELD_COUNT[eventId] !== undefined) {
    data = infoText === '' ? [] : [infoText];
  } else if (eventId === 12293) {
    const domain = DOMAIN_IN_MESSAGE.exec(message)?.[1];
    data = [infoText, domain ?? ''];
  } else if (eventId === 12294) {
    data = [DOMAIN_IN_MESSAGE.exec(message)?.[1] ?? ''];
  } else if (eventId === 1003) {
    const appId = /Application Id\s*=\s*(\S+)/i.exec(message)?.[1] ?? '';
    const status = message.split('\n').filter((l) => !/^Application Id\s*=|software protection service has completed/i.test(l.trim()));
    data = [appId, status.join('\n').trim()];
  } else if (eventId === 12308) {
    // "Sku Id = …", "AO name = …", "AO DN = …" under the message; a value a poster masked is no value.
    const named = (label: string): string => {
      const value = new RegExp(`^${label}\\s*=\\s*(.*)$`, 'im').exec(message)?.[1]?.trim() ?? '';
      return isMaskedValue(value) || hasMaskedPart(value) ? '' : value;
    };
    data = [named('Sku Id'), named('AO name'), named('AO DN')];
  } else if (eventId === 8198) {
    data = [h.get('error code') ?? '', infoText, message].filter((s) => s.trim() !== '');
  } else {
    // Any other Security-SPP id: its data as shown, the "Error Code:" line first (where its HRESULT stands).
    const code = h.get('error code')?.trim() ?? '';
    data = [code === '' ? '' : `Error Code: ${code}`, infoText].filter((item) => item !== '');
  }
  const built = buildKmsEvent(header, data);
  for (const p of built.problems) unrecognized.push(`line ${record.firstLine}: ${p}`);
  for (const line of record.extra) unrecognized.push(`line ${record.firstLine}: after the event: '${clip(line)}'`);
  return withoutPlaceholders(built.event);
}

// Documentation templates put placeholders where a name goes ("<KMS Host FQDN>", "<KMS Client name>"):
// they name no machine.
const PLACEHOLDER = /^<[^<>]{1,40}>$/;

/** The event without the names a template left as placeholders. */
function withoutPlaceholders(event: KmsEvent): KmsEvent {
  const draft: Draft = { ...event };
  if (draft.kmsHost !== undefined && PLACEHOLDER.test(draft.kmsHost.trim())) delete draft.kmsHost;
  if (draft.clientName !== undefined && PLACEHOLDER.test(draft.clientName.trim())) delete draft.clientName;
  if (draft.computer !== null && PLACEHOLDER.test(draft.computer.trim())) draft.computer = null;
  return draft;
}

// PoShEvents (thedavecarroll/PoShEvents) property names → event fields.
const POSH_LICENSE_STATES: Readonly<Record<string, number>> = {
  unlicensed: 0,
  activated: 1,
  'grace period': 2,
  'out-of-tolerance grace period': 3,
  'non-genuine grace period': 4,
  'notifications mode': 5,
  'extended grace period': 6,
};
// Columns PoShEvents derives from others (the event itself carries the source values): read, not mapped.
const POSH_DERIVED = new Set(['level', 'licensestateexpiration', 'nextactivationattempt', 'kmserrormessage', 'activationid', 'recordid', 'logname', 'providername', 'userid', 'username', 'message', 'eventdata', 'userdata']);

type Draft = { -readonly [K in keyof KmsEvent]: KmsEvent[K] };

/** One PoShEvents object (property → value) as a parsed event; null when it has no event id. */
function poshToEvent(props: ReadonlyMap<string, string>, defaultId: number | null, where: string, unrecognized: string[]): KmsEvent | null {
  const get = (key: string): string | undefined => {
    const v = props.get(key.toLowerCase());
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const idText = get('Id');
  const eventId = idText !== undefined && /^\d{1,5}$/.test(idText) ? Number(idText) : defaultId;
  if (eventId === null) {
    unrecognized.push(`${where}: a PowerShell object without an event Id`);
    return null;
  }
  const when = get('TimeCreated');
  const local = when === undefined ? null : localTimeToIso(when);
  const event: Draft = {
    eventId,
    logName: get('LogName') ?? null,
    provider: get('ProviderName') ?? null,
    timeCreated: null,
    computer: get('ComputerName') ?? get('MachineName') ?? null,
    recordId: null,
  };
  if (local !== null) event.timeCreatedLocal = local;
  const problem = (what: string, value: string): void => void unrecognized.push(`${where}: ${what} '${clip(value)}' not understood`);
  const uint = (key: string, set: (n: number) => void): void => {
    const v = get(key);
    if (v === undefined) return;
    if (/^\d{1,10}$/.test(v)) set(Number(v));
    else problem(key, v);
  };
  const hresult = get('KmsErrorCode');
  if (hresult !== undefined) {
    if (HEX.test(hresult)) event.hresult = hresult;
    else problem('KmsErrorCode', hresult);
  }
  uint('MinActivateCount', (n) => (event.minimumCount = n));
  const client = get('ClientFqdn');
  if (client !== undefined) event.clientName = client;
  const cmid = get('ClientMachineID');
  if (cmid !== undefined) event.cmid = cmid;
  const clientTime = get('ClientTimestamp');
  if (clientTime !== undefined) {
    // PoShEvents turns the logged UTC client time into a DateTime and prints it in the en-US format.
    const iso = clientTimeToIso(clientTime) ?? (localTimeToIso(clientTime) === null ? null : `${localTimeToIso(clientTime)}.000Z`);
    if (iso !== null) event.clientTime = iso;
    else problem('ClientTimestamp', clientTime);
  }
  const vm = get('IsClientVM');
  if (vm !== undefined) {
    if (/^true$/i.test(vm)) event.isVm = true;
    else if (/^false$/i.test(vm)) event.isVm = false;
    else problem('IsClientVM', vm);
  }
  const state = get('LicenseState') ?? get('CurrentActivationState');
  if (state !== undefined) {
    const code = POSH_LICENSE_STATES[state.toLowerCase()];
    if (code !== undefined) event.licenseState = code;
    else problem('license state', state);
  }
  uint('LicenseStateExpirationMin', (n) => (event.minutesToExpiry = n));
  const sku = get('ProductSkuId');
  if (sku !== undefined) event.activationId = sku;
  const skuName = get('ProductSkuName');
  if (skuName !== undefined) event.productName = skuName;
  const host = get('KMSHost');
  if (host !== undefined) event.kmsHost = host;
  uint('KMSHostPort', (n) => (event.kmsPort = n));
  uint('CurrentActivationCount', (n) => (event.currentCount = n));
  const aoName = get('ADActivationObjectName');
  if (aoName !== undefined) event.activationObjectName = aoName;
  const ao = get('ADActivationObject');
  if (ao !== undefined) event.activationObjectDn = ao;
  const status = get('ActivationStatus');
  if (status !== undefined) {
    if (/^successful$|has succeeded\.?$/i.test(status)) event.activated = true;
    else if (/^failure$/i.test(status)) event.activated = false;
    else event.message = status;
  }
  const known = new Set(
    [
      'id', 'timecreated', 'computername', 'kmserrorcode', 'minactivatecount', 'clientfqdn', 'clientmachineid', 'clienttimestamp',
      'isclientvm', 'licensestate', 'currentactivationstate', 'licensestateexpirationmin', 'productskuid', 'productskuname',
      'kmshost', 'kmshostport', 'currentactivationcount', 'adactivationobjectname', 'adactivationobject', 'activationstatus',
      // Get-WinEvent's own properties.
      'machinename', 'providername', 'logname', 'leveldisplayname', 'message', 'recordid',
    ].concat([...POSH_DERIVED]),
  );
  for (const [key, value] of props) if (!known.has(key) && value.trim() !== '') unrecognized.push(`${where}: property ${key} not understood`);
  // Get-WinEvent | Format-List prints the message itself: its Info line is read by the Event Viewer reader.
  const message = props.get('message');
  if (message !== undefined && message.trim() !== '' && props.has('id')) {
    const read = parseEventText(`Event ID: ${eventId}\nDescription:\n${message}`);
    const inner = read.events[0];
    if (inner !== undefined) {
      const { eventId: _id, logName: _log, provider: _provider, timeCreated: _time, computer: _computer, recordId: _record, ...fields } = inner;
      Object.assign(event, fields);
    }
  }
  return withoutPlaceholders(event);
}

/** Format-Table output: a header row, a row of dashes, fixed-width rows. */
function parseTable(lines: readonly string[], start: number, defaultId: number | null, result: EventTextResult): number {
  const headerLine = lines[start] as string;
  const dashes = lines[start + 1] as string;
  const columns: { name: string; from: number }[] = [];
  const re = /-+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(dashes)) !== null) columns.push({ name: headerLine.slice(m.index, m.index + m[0].length).trim(), from: m.index });
  let i = start + 2;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') break;
    const props = new Map<string, string>();
    // Right-aligned cells (Id, counts) may start left of their dashes: a boundary that falls inside a
    // word moves back to the blank before that word.
    const cut = (pos: number): number => {
      if (pos >= line.length || /\s/.test(line[pos - 1] ?? ' ')) return pos;
      const blank = line.slice(0, pos).search(/\s\S*$/);
      return blank >= 0 ? blank + 1 : pos;
    };
    columns.forEach((col, k) => {
      const next = columns[k + 1];
      props.set(col.name.toLowerCase(), line.slice(k === 0 ? col.from : cut(col.from), next === undefined ? undefined : cut(next.from)).trim());
    });
    const event = poshToEvent(props, defaultId, `line ${i + 1}`, result.unrecognized);
    if (event !== null) result.events.push(event);
  }
  return i;
}

/** Format-List output: `Name : value` lines, one block per object. */
function parseList(lines: readonly string[], start: number, defaultId: number | null, result: EventTextResult): number {
  const props = new Map<string, string>();
  let i = start;
  let last: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = /^(\w+)\s*:\s?(.*)$/.exec(line);
    if (m === null) {
      // Format-List wraps a long value (Get-WinEvent's Message) onto indented lines under its first one.
      if (last !== null && /^\s{4,}\S/.test(line)) {
        props.set(last, `${props.get(last) ?? ''}\n${line.trim()}`);
        continue;
      }
      break;
    }
    last = (m[1] as string).toLowerCase();
    props.set(last, m[2] as string);
  }
  const event = poshToEvent(props, defaultId, `line ${start + 1}`, result.unrecognized);
  if (event !== null) result.events.push(event);
  return i;
}

const isListLine = (line: string): boolean => /^\w+\s+:\s?/.test(line) && !HEADER.test(line);

// Event Viewer's "Copy details as text" prints its header in this order in every display language.
const HEADER_ORDER = ['Log Name', 'Source', 'Date', 'Event ID', 'Task Category', 'Level', 'Keywords', 'User', 'Computer', 'Description'] as const;
const LABELLED = /^([^:：]{1,40}?)\s*[:：]\s*(.*)$/;

/**
 * Event Viewer text in a display language whose labels this reader does not know: the header is found by
 * position and shape (ten "label: value" lines, the fourth a number, the tenth empty) and relabelled in
 * English; the message's own "Info:" label (translated with the message) is found by the shape of the
 * line after it. Lines keep their values; nothing is read from a translated word.
 */
function relabelByPosition(lines: string[]): void {
  for (let start = 0; start < lines.length; start++) {
    const first = lines[start] as string;
    if (!LABELLED.test(first.trim()) || HEADER.test(first.trim())) continue;
    const slots: number[] = [];
    for (let k = start; k < lines.length && slots.length < HEADER_ORDER.length; k++) {
      const line = (lines[k] as string).trim();
      if (line === '') continue;
      if (!LABELLED.test(line)) break;
      slots.push(k);
    }
    if (slots.length !== HEADER_ORDER.length) continue;
    const value = (slot: number): string => LABELLED.exec((lines[slots[slot] as number] as string).trim())?.[2]?.trim() ?? '';
    // The source is a provider name, never translated: it keeps any other ten labelled lines out.
    if (!/^\d{1,5}$/.test(value(3)) || value(9) !== '' || !/Security-SPP|Licensing-SLC|Software Protection|Security-Licensing/i.test(value(1))) continue;
    slots.forEach((line, k) => (lines[line] = `${HEADER_ORDER[k]}: ${value(k)}`));
    for (let k = (slots[9] as number) + 1; k + 1 < lines.length; k++) {
      const label = (lines[k] as string).trim();
      if (/^[^\s:：]{1,16}\s*[:：]$/.test(label) && idFromInfoShape((lines[k + 1] as string).trim()) !== null) {
        lines[k] = 'Info:';
        break;
      }
    }
    start = slots[9] as number;
  }
}

/**
 * Parses pasted event text (Event Viewer details, bare message + Info, PoShEvents output).
 *
 * Never throws: text it cannot read is described in `unrecognized`.
 */
export function parseEventText(text: string): EventTextResult {
  const result: EventTextResult = { events: [], unrecognized: [] };
  const lines = withoutHardBreaks(text.split(/\r\n|\r|\n/)).map(cleanLine);
  relabelByPosition(lines);
  let record: TextRecord | null = null;
  let defaultId: number | null = null;
  let defaultProvider: string | null = null;
  const flush = (): void => {
    if (record === null) return;
    const hasContent = record.header.size > 0 || record.description.length > 0 || record.info.length > 0;
    if (hasContent) {
      const event = recordToEvent(record, result.unrecognized);
      if (event !== null) result.events.push(event);
    }
    record = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const trimmed = line.trim();
    // A PowerShell prompt line: note the command (it names the event kind), do not read it as data.
    if (/^PS [^>]*>/.test(trimmed)) {
      flush();
      if (/Get-KMSHostEvent/i.test(trimmed)) defaultId = 12290;
      continue;
    }
    // "Event Xml:" — the rest of the record is the event's XML: read it with the XML parser.
    if (/^event xml\s*:/i.test(trimmed)) {
      let end = i + 1;
      while (end < lines.length && !/<\/([\w-]+:)?Event>\s*$/.test(lines[end] as string)) end++;
      const xml = lines.slice(i + 1, end + 1).join('\n');
      const xmlEvents: KmsEvent[] = [];
      const parser = createEventStreamParser((e) => xmlEvents.push(e));
      parser.push(xml);
      const summary = parser.end();
      for (const u of summary.unrecognized) result.unrecognized.push(`line ${i + 1} (Event Xml): ${u}`);
      if (xmlEvents.length > 0) {
        // The XML says everything the text header said, and more exactly (UTC time, record id).
        record = null;
        result.events.push(...xmlEvents);
      }
      i = end;
      continue;
    }
    // Get-WinEvent's table groups rows under "ProviderName: <name>": the rows' provider.
    const group = /^ProviderName:\s*(\S.*)$/.exec(trimmed);
    if (group !== null && record === null) {
      defaultProvider = (group[1] as string).trim();
      continue;
    }
    // A header row over its rule of dashes ("--" under a two-letter column such as Id).
    if (lines[i + 1] !== undefined && /^\s*-{2,}(\s+-{2,})*\s*$/.test(lines[i + 1] as string) && /-{3,}/.test(lines[i + 1] as string) && /\S\s+\S/.test(trimmed)) {
      flush();
      const before = result.events.length;
      i = parseTable(lines, i, defaultId, result) - 1;
      if (defaultProvider !== null) {
        for (let k = before; k < result.events.length; k++) {
          const event = result.events[k] as KmsEvent;
          if (event.provider === null) result.events[k] = { ...event, provider: defaultProvider };
        }
      }
      continue;
    }
    if (record === null && isListLine(line)) {
      i = parseList(lines, i, defaultId, result) - 1;
      continue;
    }
    const h = HEADER.exec(trimmed);
    if (h !== null) {
      const key = (h[1] as string).toLowerCase();
      const value = h[2] as string;
      const current: TextRecord | null = record;
      // A header label after the message began is the next event's (its "Log Name:" line may be the one
      // the first event lacked).
      const startsNew =
        current === null ||
        ((key === 'log name' || key === 'source' || key === 'event id') &&
          (current.header.has(key) || current.info.length > 0 || current.mode === 'after-info' || (current.mode === 'description' && current.description.length > 0)));
      if (startsNew) {
        flush();
        record = newRecord(i + 1);
      }
      const r = record as TextRecord;
      if (key === 'description') {
        r.mode = 'description';
        if (value.trim() !== '') r.description.push(value.trim());
      } else if (key === 'info') {
        r.mode = 'info';
        if (value.trim() !== '') r.info.push(value.trim());
      } else {
        r.header.set(key, plainValue(value));
      }
      continue;
    }
    if (trimmed === '') {
      if (record !== null && record.mode === 'info' && record.info.length > 0) record.mode = 'after-info';
      else if (record !== null && record.mode === 'description' && record.description.length > 0) record.description.push('');
      continue;
    }
    // The message of the next event pasted right after this one's Info starts a new record.
    const current: TextRecord | null = record;
    if (current !== null && (current.mode === 'after-info' || (current.mode === 'info' && current.info.length > 0)) && idFromMessage([trimmed]) !== null) flush();
    if (record === null) record = newRecord(i + 1);
    const r: TextRecord = record;
    if (r.mode === 'info') r.info.push(trimmed);
    else if (r.mode === 'after-info') r.extra.push(trimmed);
    else {
      r.mode = 'description';
      r.description.push(trimmed);
    }
  }
  flush();
  return result;
}
