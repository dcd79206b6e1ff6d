import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { ApiError, call, setCsrfToken } from '../api/client.ts';
import type { Session } from '../api/types.ts';

export const SESSION_KEY = ['session'] as const;

interface SessionState {
  /** null when nobody is signed in. */
  session: Session | null;
  isLoading: boolean;
  error: unknown;
  /** Stores a session the server just handed out (sign-in, password change). */
  accept: (session: Session | null) => void;
}

const SessionContext = createContext<SessionState | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await call('get', '/session');
    setCsrfToken(session.csrfToken ?? null);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'AUTH.REQUIRED') return null;
    throw error;
  }
}

/** Holds who is signed in, from GET /api/v1/session, for every screen below it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
  const value = useMemo<SessionState>(
    () => ({
      session: query.data ?? null,
      isLoading: query.isPending,
      error: query.error,
      accept: (session) => {
        setCsrfToken(session?.csrfToken ?? null);
        if (session === null) client.clear();
        client.setQueryData(SESSION_KEY, session);
      },
    }),
    [query.data, query.isPending, query.error, client],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in user's name, from the actor id `user:NAME`. */
export const usernameOf = (session: Session) => session.actor.replace(/^user:/, '');
