import type { KmsDoctorApi } from '../../../shared/contract/api.js';
import { createApiClient } from '../../../shared/contract/api-client.js';
import { bridgeRoutes, eventChannels } from '../../../shared/contract/channels.js';
import type { ApiError, ApiResult } from '../../../shared/contract/errors.js';
import type { EventName } from '../../../shared/contract/events.js';
import type { OperationName, OperationRequest, OperationResponse } from '../../../shared/contract/operations.js';

/** The timeout of one operation round trip; long work (a diagnosis) returns at once and reports by events. */
const requestTimeoutMs = 120_000;

function apiError(code: ApiError['code'], message: string): ApiError {
  return { code, message };
}

/**
 * The browser bridge: the same `KmsDoctorApi` as the Electron preload, over HTTP to the preview server
 * (which hosts the real services and validates every payload with the contract's schemas).
 *
 * Rejections are plain ApiError objects, as from the preload, so the UI handles both alike.
 */
export function createHttpBridge(baseUrl: string): KmsDoctorApi {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const invoke = async (name: OperationName, request: unknown): Promise<ApiResult<unknown>> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
    try {
      const response = await fetch(new URL(`.${bridgeRoutes.operation}${encodeURIComponent(name)}`, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: controller.signal,
      });
      return (await response.json()) as ApiResult<unknown>;
    } catch (error) {
      return { ok: false, error: apiError('failed', `the preview service did not answer ${name}: ${error instanceof Error ? error.message : String(error)}`) };
    } finally {
      clearTimeout(timer);
    }
  };

  function ensureSource(): void {
    if (source !== null) return;
    source = new EventSource(new URL(`.${bridgeRoutes.events}`, base));
    for (const name of Object.keys(eventChannels) as EventName[]) {
      source.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  }

  const client = createApiClient({
    invoke,
    subscribe: (event, listener) => {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });

  // Documentation links: the server checks the URL against the allow-list; the page then opens it in a
  // new browser tab (the preview's "system browser"), never in the app's own window.
  const openDoc = client['docs.open'];
  const docsOpen = async (request: OperationRequest<'docs.open'>): Promise<OperationResponse<'docs.open'>> => {
    const answer = await openDoc(request);
    if (answer.opened) return answer;
    // With noopener, window.open returns null even when the tab opens, so there is nothing to check.
    window.open(request.url, '_blank', 'noopener,noreferrer');
    return { opened: true };
  };

  return { ...client, 'docs.open': docsOpen } satisfies KmsDoctorApi;
}
