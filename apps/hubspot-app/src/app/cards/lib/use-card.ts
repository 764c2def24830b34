import { useCallback, useEffect, useRef, useState } from 'react';
import { type CardFetchResult, fetchCard, type HubSpotFetch } from './fetch-card.ts';

export type CardState<T> =
  | { status: 'loading' }
  | { status: 'ready'; result: CardFetchResult<T> }
  | { status: 'error'; error: Error };

/**
 * Loads a card answer: `loading`, then `ready` (found or not) or `error`. An answer that arrives
 * after a newer request started (a retry, another record) is dropped.
 */
export function useCard<T>(fetch: HubSpotFetch, url: string, timeoutMs?: number) {
  const [state, setState] = useState<CardState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request on retry.
  useEffect(() => {
    const request = ++latest.current;
    setState({ status: 'loading' });
    fetchCard<T>(fetch, url, timeoutMs).then(
      (result) => {
        if (request === latest.current) setState({ status: 'ready', result });
      },
      (error: unknown) => {
        if (request === latest.current)
          setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  }, [fetch, url, timeoutMs, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
