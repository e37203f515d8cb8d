import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { onUnauthorized } from '../api/client';
import { fetchMe, login as loginRequest } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { readToken, writeToken } from '../api/token-storage';
import type { CurrentUser } from '../api/types';

interface AuthValue {
  token: string | null;
  user: CurrentUser | undefined;
  /** The stored token is being checked against `/api/me`. */
  checking: boolean;
  checkError: Error | null;
  retryCheck: () => void;
  /** The last session ended with a 401 (shown on the login screen). */
  expired: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [token, setToken] = useState<string | null>(readToken);
  const [expired, setExpired] = useState(false);

  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    enabled: token !== null,
    staleTime: Infinity,
  });

  const endSession = useCallback(
    (wasExpired: boolean) => {
      writeToken(null);
      setToken(null);
      setExpired(wasExpired);
      client.clear();
    },
    [client],
  );

  useEffect(() => onUnauthorized(() => endSession(true)), [endSession]);

  const login = useCallback(
    async (email: string, password: string) => {
      const result = await loginRequest(email, password);
      writeToken(result.token);
      client.clear();
      client.setQueryData(queryKeys.me, result.user);
      setExpired(false);
      setToken(result.token);
    },
    [client],
  );

  const logout = useCallback(() => endSession(false), [endSession]);
  const retryCheck = useCallback(() => void me.refetch(), [me]);

  const value = useMemo<AuthValue>(
    () => ({
      token,
      user: token ? me.data : undefined,
      checking: token !== null && me.data === undefined && me.isFetching,
      checkError: token !== null && me.data === undefined ? me.error : null,
      retryCheck,
      expired,
      login,
      logout,
    }),
    [token, me.data, me.isFetching, me.error, retryCheck, expired, login, logout],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** For screens behind the login: the signed-in user is known there. */
export function useCurrentUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser without a signed-in user');
  return user;
}
