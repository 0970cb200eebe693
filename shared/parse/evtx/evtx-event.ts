/**
 * A resolved .evtx record → the parsed event of DESIGN.md §5, through the same field naming as event
 * XML (buildKmsEvent), reading what the XML scanner reads: System's Provider Name, EventID,
 * TimeCreated SystemTime, EventRecordID, Channel, Computer; EventData's Data items in order (and their
 * Name attributes); under UserData every leaf element's text. Also renders a record as event XML, the
 * form a redacted bundle carries.
 */
import { buildKmsEvent, levelValue, type BuiltEvent, type EventHeader } from '../events/event-fields.js';
import { systemTimeToIso } from '../events/event-time.js';
import { isElement, type XmlElement, type XmlNode } from './binxml.js';

const EVENT_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** The text of an element: its text children joined (child elements' text is not included). */
function ownText(e: XmlElement): string {
  let s = '';
  for (const c of e.children) if (typeof c === 'string') s += c;
  return s;
}

function attr(e: XmlElement, name: string): string | null {
  for (const a of e.attrs) if (a.name === name) return a.value;
  return null;
}

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

function userDataLeaves(e: XmlElement, out: string[]): void {
  for (const c of e.children) {
    if (!isElement(c)) continue;
    if (c.children.some(isElement)) userDataLeaves(c, out);
    else {
      const t = ownText(c).trim();
      if (t !== '') out.push(t);
    }
  }
}

/** What a record holds besides the named fields: for a caller that wants the level or the data names. */
export interface EvtxEventParts {
  readonly header: EventHeader;
  readonly data: string[];
  readonly dataNames: (string | null)[];
  readonly level: number | null;
}

/** The Event element of a record, or null when it holds none. */
export function eventElement(nodes: readonly XmlNode[]): XmlElement | null {
  for (const n of nodes) if (isElement(n) && localName(n.name) === 'Event') return n;
  return null;
}

/**
 * Header and data of a record's Event element; `recordId` from the record header stands in when the
 * event has no EventRecordID. Null when there is no numeric EventID (the caller remarks on it).
 */
export function eventParts(event: XmlElement, recordId: number): EvtxEventParts | { readonly problem: string } {
  let eventId = '';
  let recordText = '';
  let channel: string | null = null;
  let computer: string | null = null;
  let provider: string | null = null;
  let systemTime: string | null = null;
  let level: number | null = null;
  const data: string[] = [];
  const dataNames: (string | null)[] = [];
  for (const section of event.children) {
    if (!isElement(section)) continue;
    const sectionName = localName(section.name);
    if (sectionName === 'System') {
      for (const f of section.children) {
        if (!isElement(f)) continue;
        switch (localName(f.name)) {
          case 'Provider':
            provider = attr(f, 'Name');
            break;
          case 'EventID':
            eventId = ownText(f);
            break;
          case 'TimeCreated':
            systemTime = attr(f, 'SystemTime');
            break;
          case 'EventRecordID':
            recordText = ownText(f);
            break;
          case 'Channel':
            channel = ownText(f).trim();
            break;
          case 'Computer':
            computer = ownText(f).trim();
            break;
          case 'Level':
            level = levelValue(ownText(f));
            break;
        }
      }
    } else if (sectionName === 'EventData') {
      for (const d of section.children) {
        if (!isElement(d) || localName(d.name) !== 'Data') continue;
        data.push(ownText(d));
        dataNames.push(attr(d, 'Name'));
      }
    } else if (sectionName === 'UserData') {
      userDataLeaves(section, data);
    }
  }
  const idText = eventId.trim();
  if (!/^\d{1,5}$/.test(idText)) return { problem: idText === '' ? 'no EventID' : `EventID '${idText.slice(0, 20)}' is not a number` };
  const recordIdText = recordText.trim();
  const header: EventHeader = {
    eventId: Number(idText),
    logName: channel === '' ? null : channel,
    provider: provider === '' ? null : provider,
    timeCreated: systemTime === null ? null : systemTimeToIso(systemTime),
    computer: computer === '' ? null : computer,
    recordId: /^\d{1,16}$/.test(recordIdText) ? Number(recordIdText) : recordId,
    level,
    dataNames,
  };
  return { header, data, dataNames, level };
}

/** The parsed event of one record (buildKmsEvent, as for event XML), or a problem when it has no event. */
export function evtxRecordEvent(nodes: readonly XmlNode[], recordId: number): BuiltEvent | { readonly problem: string } {
  const event = eventElement(nodes);
  if (event === null) return { problem: 'no <Event> element' };
  const parts = eventParts(event, recordId);
  if ('problem' in parts) return parts;
  return buildKmsEvent(parts.header, parts.data);
}

// --- XML rendering ---------------------------------------------------------------------------

const escapeText = (s: string): string => (/[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);
const escapeAttr = (s: string): string => (/[&<>"]/.test(s) ? escapeText(s).replace(/"/g, '&quot;') : s);

/**
 * The C0 controls XML 1.0 cannot hold as characters (all but tab, LF, CR) as character references:
 * values do hold them (security.evtx has a \u0003), and the event XML parser reads them back exactly.
 */
const controlsAsRefs = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s) ? s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`) : s;

function renderNode(n: XmlNode, out: string[], rewrite: (text: string) => string): void {
  if (typeof n === 'string') {
    out.push(controlsAsRefs(escapeText(rewrite(n))));
    return;
  }
  if (!isElement(n)) {
    out.push(`<?${n.target} ${controlsAsRefs(n.data)}?>`);
    return;
  }
  let tag = `<${n.name}`;
  for (const a of n.attrs) tag += ` ${a.name}="${controlsAsRefs(escapeAttr(rewrite(a.value)))}"`;
  if (n.children.length === 0) {
    out.push(`${tag}/>`);
    return;
  }
  out.push(`${tag}>`);
  for (const c of n.children) renderNode(c, out, rewrite);
  out.push(`</${n.name}>`);
}

/**
 * A record as event XML (one line, the Event element with its namespace), every text and attribute
 * value passed through `rewrite` first (redaction).
 */
export function renderEventXml(nodes: readonly XmlNode[], rewrite: (text: string) => string = (t) => t): string {
  const out: string[] = [];
  for (const n of nodes) {
    if (isElement(n) && localName(n.name) === 'Event' && attr(n, 'xmlns') === null) {
      renderNode({ ...n, attrs: [{ name: 'xmlns', value: EVENT_NS }, ...n.attrs] }, out, rewrite);
    } else {
      renderNode(n, out, rewrite);
    }
  }
  return out.join('');
}
