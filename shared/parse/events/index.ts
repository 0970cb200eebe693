/** KMS event parsers: event XML (streaming), pasted Event Viewer text, and the choice between them. */
export { createEventStreamParser } from './event-stream-parser.js';
export type { EventParseSummary, EventStreamParser, EventStreamParserOptions, RawEventView } from './event-stream-parser.js';
export { parseEventText } from './event-text.js';
export type { EventTextResult } from './event-text.js';
export { looksLikeEventXml, parseEventsAuto } from './parse-auto.js';
export type { AutoParseResult } from './parse-auto.js';
export { buildKmsEvent, infoFields, KNOWN_EVENT_IDS } from './event-fields.js';
export type { BuiltEvent, EventHeader } from './event-fields.js';
export { clientTimeFastMs, clientTimeToIso, isoTimeMs, localTimeToIso, systemTimeFastMs, systemTimeToIso } from './event-time.js';
export { emptyHostRecord, hostRecordOfEvent, hostRecordOfRaw } from './host-record.js';
export type { HostEventRecord } from './host-record.js';
export { decodeXmlEntities } from './xml-entities.js';
