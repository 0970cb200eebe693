import { describe, expect, it } from 'vitest';
import { channelPrefix, eventChannels, events, operationChannels, operationForChannel, operationNames, operations } from '../../../shared/contract/index.js';

describe('the main/renderer contract', () => {
  it('gives every operation a unique prefixed channel that maps back to it', () => {
    const channels = operationNames.map((name) => operations[name].channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const name of operationNames) {
      expect(operations[name].channel.startsWith(channelPrefix)).toBe(true);
      expect(operationForChannel(operations[name].channel)).toBe(name);
    }
    expect(Object.keys(operationChannels).sort()).toEqual([...operationNames].sort());
  });

  it('gives every event a prefixed channel listed in the channel table', () => {
    for (const [name, event] of Object.entries(events)) {
      expect(event.channel).toBe(eventChannels[name as keyof typeof eventChannels]);
      expect(event.channel.startsWith(channelPrefix)).toBe(true);
    }
  });

  it('rejects extra keys and wrong values in requests', () => {
    expect(operations['diagnosis.start'].request.safeParse({ role: 'host' }).success).toBe(true);
    expect(operations['diagnosis.start'].request.safeParse({ role: 'host', script: 'x' }).success).toBe(false);
    expect(operations['diagnosis.start'].request.safeParse({ role: 'admin' }).success).toBe(false);
    expect(operations['app.info'].request.safeParse(null).success).toBe(false);
  });

  it('does not map a channel outside the table', () => {
    expect(operationForChannel('kmsd:nope')).toBeUndefined();
    expect(operationForChannel('app.info')).toBeUndefined();
  });
});
