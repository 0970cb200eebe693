/** KMS event parsers: event XML (streaming), pasted Event Viewer text, and the choice between them. */
export { createEventStreamParser } from './event-stream-parser.js';
export type { EventParseSummary, EventStreamParser, EventStreamParserOptions } from './event-stream-parser.js';
export { buildKmsEvent, infoFields, KNOWN_EVENT_IDS } from './event-fields.js';
export type { BuiltEvent, EventHeader } from './event-fields.js';
export { clientTimeToIso, localTimeToIso, systemTimeToIso } from './event-time.js';
export { decodeXmlEntities } from './xml-entities.js';
