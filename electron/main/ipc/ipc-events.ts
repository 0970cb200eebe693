import type { WebContents } from 'electron';
import { events, type EventName, type EventPayload } from '../../../shared/contract/events.js';
import { isAppUrl } from '../app-protocol.js';

/**
 * Builds the typed main → renderer event sender (progress events, DESIGN.md §2).
 *
 * Each payload is checked against the contract's schema before it leaves (a malformed event is dropped
 * and reported as false, never sent half-formed), and it goes only to our window while that window
 * shows our app:// page: an event never reaches a page we did not load.
 */
export function createEventEmitter(getTarget: () => WebContents | null): <K extends EventName>(event: K, payload: EventPayload<K>) => boolean {
  return (event, payload) => {
    const contents = getTarget();
    if (contents === null || contents.isDestroyed() || !isAppUrl(contents.getURL())) return false;
    const definition = events[event];
    const parsed = definition.payload.safeParse(payload);
    if (!parsed.success) return false;
    contents.send(definition.channel, parsed.data);
    return true;
  };
}
