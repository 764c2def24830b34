import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError, api } from './api.ts';

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

/**
 * Loads `path` now, whenever it changes, and on `reload()`; `refresh()` loads it again while the
 * current answer stays on screen. An answer that arrives after a newer request is dropped.
 * `path: null` waits (nothing to load yet).
 */
export function useApi<S extends z.ZodType>(path: string | null, schema: S) {
  const [state, setState] = useState<ApiState<z.infer<S>>>({ status: 'loading' });
  const latest = useRef(0);
  const run = useCallback(
    (keep = false) => {
      const id = ++latest.current;
      if (path === null) return;
      if (!keep) setState({ status: 'loading' });
      api(path, schema).then(
        (data) => {
          if (id === latest.current) setState({ status: 'ready', data });
        },
        (error: unknown) => {
          if (id !== latest.current) return;
          setState({
            status: 'error',
            error: error instanceof ApiError ? error : new ApiError('network', String(error)),
          });
        },
      );
    },
    [path, schema],
  );
  useEffect(() => {
    run(false);
    return () => {
      latest.current++;
    };
  }, [run]);
  const reload = useCallback(() => run(false), [run]);
  const refresh = useCallback(() => run(true), [run]);
  return { state, reload, refresh };
}
