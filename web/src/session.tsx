// Who is signed in (GET /api/v1/auth/me), at which school they work now, and what their roles
// there allow (the server's permission flags: the navigation shows only what is allowed).
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, setCsrfToken } from './api.ts';

export interface SchoolAccess {
  id: string;
  name: string;
  brin: string;
  roles: string[];
  personId: string | null;
  permissions: string[];
}

export interface Me {
  account: { id: string; email: string; displayName: string };
  csrfToken: string | null;
  secondFactor: { required: boolean; enrolled: boolean; due: boolean };
  schools: SchoolAccess[];
}

interface SessionValue {
  me: Me | null;
  loading: boolean;
  school: SchoolAccess | null;
  setSchool: (id: string) => void;
  can: (permission: string) => boolean;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [schoolId, setSchoolId] = useState<string | null>(() => localStorage.getItem('pw.school'));

  const refresh = useCallback(async () => {
    try {
      const m = await api<Me>('GET', '/api/v1/auth/me');
      setCsrfToken(m.csrfToken);
      setMe(m);
      return m;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      setCsrfToken(null);
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signOut = useCallback(async () => {
    await api('POST', '/api/v1/auth/sign-out').catch(() => {});
    setCsrfToken(null);
    setMe(null);
  }, []);

  const value = useMemo<SessionValue>(() => {
    const schools = me?.secondFactor.due ? [] : (me?.schools ?? []);
    const school = schools.find((s) => s.id === schoolId) ?? schools[0] ?? null;
    return {
      me,
      loading,
      school,
      setSchool: (id) => {
        localStorage.setItem('pw.school', id);
        setSchoolId(id);
      },
      can: (permission) => school?.permissions.includes(permission) ?? false,
      refresh,
      signOut,
    };
  }, [me, loading, schoolId, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
