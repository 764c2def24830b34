import { createContext, type ReactNode, useContext } from 'react';
import { ErrorView, Loading } from '../components/States.tsx';
import { type Session, sessionSchema } from '../lib/api-schemas.ts';
import { useApi } from '../lib/use-api.ts';

const SessionContext = createContext<Session | null>(null);

/** Asks the server who is signed in before anything else renders. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { state, reload } = useApi('/session', sessionSchema);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return (
      <main className="page narrow">
        <ErrorView error={state.error} onRetry={reload} />
      </main>
    );
  return <SessionContext.Provider value={state.data}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used within a SessionProvider');
  return session;
}
