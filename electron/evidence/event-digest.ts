/**
 * Reads events into what the diagnosis keeps of them: the host digest (12290/12293/12294 folded in as
 * they stream; from a file, the usual 12290 request straight from the parser's values or bytes without
 * an event object, each through its adapter into the one host record) and the client events.
 */
import { createHostEventAccumulator, type HostEventDigest } from '../../shared/diagnose/host-events.js';
import { createByteHostRecordReader } from '../../shared/parse/events/host-record-bytes.js';
import { emptyHostRecord, hostRecordOfEvent, hostRecordOfRaw, type HostEventRecord } from '../../shared/parse/events/host-record.js';
import type { KmsEvent } from '../../shared/parse/types.js';
import { readEvtx, type EvtxReadSummary } from '../../shared/parse/evtx/index.js';
import { streamEventsFile, type EventFileSummary } from './event-file.js';
import { streamEvtxFile } from './evtx-file.js';

/** The events the host digest reads; every other event id is a client's. */
const hostEventIds: ReadonlySet<number> = new Set([12290, 12293, 12294]);

export interface EventsDigest {
  /** Host events (12290, 12293, 12294) folded into a digest. */
  readonly host: HostEventDigest;
  readonly hostEvents: number;
  /** Other events in order, up to the limit asked for. */
  readonly clientEvents: KmsEvent[];
  readonly clientTotal: number;
}

export interface EventFileDigest extends EventsDigest {
  readonly summary: EventFileSummary;
}

/** Sorts events into a host digest and (at most maxClientEvents) client events, counting both. */
function createEventSorter(maxClientEvents: number) {
  const acc = createHostEventAccumulator();
  const clientEvents: KmsEvent[] = [];
  let hostEvents = 0;
  let clientTotal = 0;
  /** Filled again for each host event (the digest keeps none of it). */
  const record = emptyHostRecord();
  return {
    record,
    add(event: KmsEvent): void {
      if (hostEventIds.has(event.eventId)) {
        acc.add(hostRecordOfEvent(event, record));
        hostEvents++;
      } else {
        clientTotal++;
        if (clientEvents.length < maxClientEvents) clientEvents.push(event);
      }
    },
    /** Folds a host event a fast reader's adapter put in `record` (when it did); passes its answer on. */
    took(filled: boolean): boolean {
      if (filled) {
        acc.add(record);
        hostEvents++;
      }
      return filled;
    },
    result(): EventsDigest {
      return { host: acc.digest(), hostEvents, clientEvents, clientTotal };
    },
  };
}

/** Events already parsed (pasted Event Viewer text) into a host digest and client events. */
export function digestEvents(events: readonly KmsEvent[], maxClientEvents: number): EventsDigest {
  const sorter = createEventSorter(maxClientEvents);
  for (const event of events) sorter.add(event);
  return sorter.result();
}

/** Streams the event file at `path` (or its bytes) into a host digest and a list of (at most maxClientEvents) client events. */
export async function digestEventFile(path: string | Uint8Array, maxClientEvents: number, readBytes?: number): Promise<EventFileDigest> {
  const sorter = createEventSorter(maxClientEvents);
  const record: HostEventRecord = sorter.record;
  const fromBytes = createByteHostRecordReader();
  const summary = await streamEventsFile(path, (event) => sorter.add(event), {
    // Most of a busy host's log: folded without building an event (bench/README.md, analyze).
    takeRaw: (raw) => sorter.took(hostRecordOfRaw(raw, record)),
    // The same, read from the file's bytes without making text of them (UTF-8 files).
    takeBytes: (view) => sorter.took(fromBytes(view, record)),
    ...(readBytes === undefined ? {} : { readBytes }),
  });
  return { summary, ...sorter.result() };
}

export interface EvtxFileDigest extends EventsDigest {
  readonly summary: EvtxReadSummary;
  /** The channels (logName) of its events: which log this is. */
  readonly logNames: ReadonlySet<string>;
}

/** Streams the .evtx log at `path` (or reads its bytes) into a host digest and (at most maxClientEvents) client events. */
export async function digestEvtxFile(path: string | Uint8Array, maxClientEvents: number): Promise<EvtxFileDigest> {
  const sorter = createEventSorter(maxClientEvents);
  const logNames = new Set<string>();
  const onEvent = (event: KmsEvent): void => {
    if (event.logName !== null) logNames.add(event.logName);
    sorter.add(event);
  };
  const summary = typeof path === 'string' ? await streamEvtxFile(path, { onEvent }) : readEvtx(path, { onEvent });
  return { summary, logNames, ...sorter.result() };
}
