/**
 * Reads an event file into what the diagnosis keeps of it: the host digest (12290/12293/12294 folded
 * in as they stream, the usual 12290 request straight from the parser's values without an event
 * object) and the client events.
 */
import { createHostEventAccumulator, type HostEventDigest } from '../../shared/diagnose/host-events.js';
import type { KmsEvent } from '../../shared/parse/types.js';
import { streamEventsFile, type EventFileSummary } from './event-file.js';

/** The events the host digest reads; every other event id is a client's. */
export const hostEventIds: ReadonlySet<number> = new Set([12290, 12293, 12294]);

export interface EventFileDigest {
  readonly summary: EventFileSummary;
  /** Host events (12290, 12293, 12294) folded into a digest. */
  readonly host: HostEventDigest;
  readonly hostEvents: number;
  /** Other events in file order, up to the limit asked for. */
  readonly clientEvents: KmsEvent[];
  readonly clientTotal: number;
}

/** Streams the event file at `path` into a host digest and a list of (at most maxClientEvents) client events. */
export async function digestEventFile(path: string, maxClientEvents: number, readBytes?: number): Promise<EventFileDigest> {
  const acc = createHostEventAccumulator();
  const clientEvents: KmsEvent[] = [];
  let hostEvents = 0;
  let clientTotal = 0;
  const summary = await streamEventsFile(
    path,
    (event) => {
      if (hostEventIds.has(event.eventId)) {
        acc.add(event);
        hostEvents++;
      } else {
        clientTotal++;
        if (clientEvents.length < maxClientEvents) clientEvents.push(event);
      }
    },
    {
      // Most of a busy host's log: folded without building an event (measured ~20% less parse + digest time).
      takeRaw: (raw) => {
        if (!acc.takeRaw(raw)) return false;
        hostEvents++;
        return true;
      },
      // The same, read from the file's bytes without making text of them (UTF-8 files).
      takeBytes: (view) => {
        if (!acc.takeBytes(view)) return false;
        hostEvents++;
        return true;
      },
      ...(readBytes === undefined ? {} : { readBytes }),
    },
  );
  return { summary, host: acc.digest(), hostEvents, clientEvents, clientTotal };
}
