import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../shared/contract/api-client.js';
import { dispatchOperation, toApiError, type HandlerRegistry } from '../../../shared/contract/dispatch.js';
import { operationNames } from '../../../shared/contract/operations.js';

const registry = (answers: Partial<Record<string, (request: unknown) => unknown>>): HandlerRegistry =>
  Object.fromEntries(operationNames.map((name) => [name, async (request: unknown) => {
    const answer = answers[name];
    if (answer === undefined) throw { code: 'not-supported', message: `${name} not wired` };
    return answer(request);
  }])) as unknown as HandlerRegistry;

describe('dispatchOperation (the IPC gate and the preview server both call it)', () => {
  it('answers a valid request with the response as the contract shapes it (unknown fields stripped)', async () => {
    const handlers = registry({ 'diagnosis.cancel': () => ({ cancelled: true, extra: 'dropped' }) });
    expect(await dispatchOperation('diagnosis.cancel', { runId: 'r1' }, handlers)).toEqual({ ok: true, value: { cancelled: true } });
  });

  it('refuses an unknown operation, an invalid or oversized request, and a malformed answer, each with its code', async () => {
    const handlers = registry({ 'history.list': () => ({ runs: 'not a list' }) });
    expect(await dispatchOperation('rm -rf', {}, handlers)).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(await dispatchOperation('diagnosis.cancel', { runId: 5 }, handlers)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await dispatchOperation('diagnosis.cancel', { runId: 'x'.repeat(100_000) }, handlers)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('too large') } });
    expect(await dispatchOperation('history.list', {}, handlers)).toEqual({ ok: false, error: { code: 'failed', message: 'history.list produced an invalid response' } });
  });

  it('maps what a handler throws to one line with its code, never a stack', async () => {
    const handlers = registry({ 'diagnosis.cancel': () => { throw Object.assign(new Error('no such run\n    at stack'), { code: 'not-found' }); } });
    expect(await dispatchOperation('diagnosis.cancel', { runId: 'r1' }, handlers)).toEqual({ ok: false, error: { code: 'not-found', message: 'no such run' } });
    expect(toApiError({ code: 'cancelled', message: 'stopped' })).toEqual({ code: 'cancelled', message: 'stopped' });
    expect(toApiError({ code: 'made-up' })).toEqual({ code: 'failed', message: 'the operation failed' });
  });
});

describe('createApiClient (the preload, the HTTP bridge and the test fake are built with it)', () => {
  it('has one method per operation, unwraps results and throws plain ApiError objects', async () => {
    const sent: Array<[string, unknown]> = [];
    const client = createApiClient({
      invoke: async (name, request) => {
        sent.push([name, request]);
        return name === 'diagnosis.cancel' ? { ok: true, value: { cancelled: true } } : { ok: false, error: { code: 'not-found', message: 'gone' } };
      },
      subscribe: () => () => undefined,
    });
    expect(Object.keys(client).filter((key) => key !== 'on').sort()).toEqual([...operationNames].sort());
    expect(await client['diagnosis.cancel']({ runId: 'r1' })).toEqual({ cancelled: true });
    const error: unknown = await client['history.list']({}).catch((caught: unknown) => caught);
    expect(error).toEqual({ code: 'not-found', message: 'gone' });
    expect(error).not.toBeInstanceOf(Error);
    expect(sent).toEqual([['diagnosis.cancel', { runId: 'r1' }], ['history.list', {}]]);
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    const client = createApiClient({ invoke: async () => ({ ok: true, value: null }), subscribe: () => () => undefined });
    expect(() => client.on('nope' as 'run.progress', () => undefined)).toThrow(/unknown event/);
  });
});
