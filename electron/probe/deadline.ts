/**
 * Runs `work` until it settles, `ms` pass, or `signal` aborts, whichever comes first.
 *
 * On timeout or abort `onExpire` runs (to cancel the resolver, destroy the socket) and the result is
 * `expired`, so the caller records a timeout instead of waiting on a query that may never end.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onExpire: () => void, signal?: AbortSignal): Promise<{ expired: false; value: T } | { expired: true }> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const expiry = new Promise<{ expired: true }>((resolve) => {
    const expire = () => {
      onExpire();
      resolve({ expired: true });
    };
    timer = setTimeout(expire, ms);
    if (signal !== undefined) {
      onAbort = expire;
      if (signal.aborted) expire();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([work.then((value) => ({ expired: false as const, value })), expiry]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}

/** Milliseconds since `start` (a performance.now() reading), rounded. */
export function elapsedMs(start: number): number {
  return Math.round(performance.now() - start);
}
