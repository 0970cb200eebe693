import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { eventChannels } from '../../../../shared/contract/channels.js';

vi.mock('electron', () => ({}));
const { createEventEmitter } = await import('../../../../electron/main/ipc/ipc-events.js');

function fakeContents(url = 'app://kms-doctor/index.html', destroyed = false) {
  const sent: Array<[string, unknown]> = [];
  const contents = { isDestroyed: () => destroyed, getURL: () => url, send: (channel: string, payload: unknown) => sent.push([channel, payload]) };
  return { contents: contents as unknown as WebContents, sent };
}

describe('typed event emitter', () => {
  it('sends a valid payload on the contract channel, with unknown fields stripped', () => {
    const { contents, sent } = fakeContents();
    const emit = createEventEmitter(() => contents);
    const payload = { runId: 'r1', status: 'complete' as const };
    expect(emit('run.finished', { ...payload, secret: 'x' } as typeof payload)).toBe(true);
    expect(sent).toEqual([[eventChannels['run.finished'], payload]]);
  });

  it('drops a payload that breaks the schema', () => {
    const { contents, sent } = fakeContents();
    const emit = createEventEmitter(() => contents);
    expect(emit('run.finished', { runId: 'r1', status: 'exploded' } as never)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('sends nothing without a window, to a destroyed one, or to a page that is not ours', () => {
    const payload = { runId: 'r1', status: 'cancelled' as const };
    expect(createEventEmitter(() => null)('run.finished', payload)).toBe(false);
    for (const { contents, sent } of [fakeContents('app://kms-doctor/', true), fakeContents('https://evil.example/'), fakeContents('file:///C:/index.html')]) {
      expect(createEventEmitter(() => contents)('run.finished', payload)).toBe(false);
      expect(sent).toEqual([]);
    }
  });
});
