import { useEffect, useState } from 'react';
import { errorInfo, type ErrorInfo } from '../format.js';

export type AsyncState<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: T } | { readonly status: 'error'; readonly error: ErrorInfo };

/** Runs one API call when its dependencies change; ignores answers that arrive after a newer call. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    // Through a promise, so a load that throws synchronously becomes an error state, not a crash.
    Promise.resolve().then(load).then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'error', error: errorInfo(error) }),
    );
    return () => {
      current = false;
    };
    // The caller lists what the load depends on.
  }, deps);
  return state;
}
