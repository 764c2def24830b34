import { useCallback, useEffect, useRef, useState } from 'react';
import { SidebarError } from '../lib/backend.ts';
import type { SidebarLoad } from '../lib/sidebar-data.ts';
import type { ZafClient } from '../lib/zaf.ts';
import { useClient } from './use-client.ts';

export type SidebarState =
  | { status: 'loading' }
  | { status: 'ready'; load: SidebarLoad }
  | { status: 'error'; error: SidebarError };

const NO_EVENTS: readonly string[] = [];

/**
 * Runs `load` now, on `reload()` and whenever one of the ZAF `events` fires (the ticket's
 * requester or organization changed); an answer that arrives after a newer request is dropped.
 */
export function useSidebar(
  load: (client: ZafClient) => Promise<SidebarLoad>,
  events: readonly string[] = NO_EVENTS,
) {
  const client = useClient();
  const [state, setState] = useState<SidebarState>({ status: 'loading' });
  const latest = useRef(0);

  const run = useCallback(() => {
    const id = ++latest.current;
    setState({ status: 'loading' });
    load(client).then(
      (result) => {
        if (id === latest.current) setState({ status: 'ready', load: result });
      },
      (error: unknown) => {
        if (id !== latest.current) return;
        setState({
          status: 'error',
          error: error instanceof SidebarError ? error : new SidebarError('network', null, String(error)),
        });
      },
    );
  }, [client, load]);

  useEffect(() => {
    run();
    for (const event of events) client.on(event, run);
    return () => {
      latest.current++;
      for (const event of events) client.off?.(event, run);
    };
  }, [client, run, events]);

  return { state, reload: run };
}
