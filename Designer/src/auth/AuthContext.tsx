import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthorizedHandler } from '../api/client';
import type { Profile, Role } from '../api/types';

export interface Auth {
  /** Undefined while the first /me is on its way; null when nobody is signed in. */
  profile: Profile | null | undefined;
  signIn: (userName: string, password: string) => Promise<Profile>;
  signOut: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<Profile>;
  hasRole: (...roles: Role[]) => boolean;
  /** Coordinators and administrators edit and publish workflow definitions. */
  canDesign: boolean;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    api.get<Profile>('/api/auth/me', { signal: controller.signal, quietUnauthorized: true }).then(
      (me) => setProfile(me),
      (e: unknown) => {
        if (!controller.signal.aborted) setProfile(e instanceof ApiError && e.status === 401 ? null : null);
      },
    );
    setUnauthorizedHandler(() => setProfile(null));
    return () => {
      controller.abort();
      setUnauthorizedHandler(undefined);
    };
  }, []);

  const signIn = useCallback(async (userName: string, password: string) => {
    const me = await api.post<Profile>('/api/auth/sign-in', { userName, password }, { quietUnauthorized: true });
    setProfile(me);
    return me;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/sign-out', undefined, { quietUnauthorized: true });
    } finally {
      setProfile(null);
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const me = await api.post<Profile>('/api/auth/password', { currentPassword, newPassword });
    setProfile(me);
    return me;
  }, []);

  const value = useMemo<Auth>(() => {
    const hasRole = (...roles: Role[]) => !!profile && roles.some((role) => profile.roles.includes(role));
    return { profile, signIn, signOut, changePassword, hasRole, canDesign: hasRole('coordinator', 'administrator') };
  }, [profile, signIn, signOut, changePassword]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** For tests: a fixed profile without a server. */
export function TestAuthProvider({ profile, children }: { profile: Profile; children: ReactNode }) {
  const value = useMemo<Auth>(() => {
    const hasRole = (...roles: Role[]) => roles.some((role) => profile.roles.includes(role));
    return {
      profile,
      signIn: async () => profile,
      signOut: async () => undefined,
      changePassword: async () => profile,
      hasRole,
      canDesign: hasRole('coordinator', 'administrator'),
    };
  }, [profile]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
