import { useContext, useEffect, useState } from 'react';
import { ClientContext } from '../contexts/ClientProvider.tsx';
import type { ZafClient } from '../lib/zaf.ts';

/** The ZAF client; only inside a `ClientProvider`. */
export function useClient(): ZafClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used within a ClientProvider');
  return client;
}

/** The app location Zendesk loaded this iframe in ('ticket_sidebar', ...), null until known. */
export function useLocation(): string | null {
  const client = useClient();
  const [location, setLocation] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.context().then(
      (context) => live && setLocation(context.location),
      () => live && setLocation('unknown'),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return location;
}
