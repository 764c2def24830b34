import { createContext, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { ZafClient } from '../lib/zaf.ts';

export const ClientContext = createContext<ZafClient | null>(null);

/** Inits the ZAF client once and renders its children only after Zendesk registered the app. */
export function ClientProvider({ children }: { children: ReactNode }) {
  const client = useMemo(() => {
    if (!window.ZAFClient) throw new Error('ZAFClient is missing: the ZAF SDK script did not load');
    return window.ZAFClient.init();
  }, []);
  const [registered, setRegistered] = useState(false);

  useEffect(() => {
    const onRegistered = () => setRegistered(true);
    client.on('app.registered', onRegistered);
    return () => client.off?.('app.registered', onRegistered);
  }, [client]);

  if (!registered) return null;
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}
