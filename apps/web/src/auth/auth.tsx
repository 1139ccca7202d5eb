/**
 * Who is at the keyboard: a role and an org unit. When the API has identity
 * (GET /api/v1/auth/me answers), the user logs in and the API decides both;
 * until then (the route answers 404) the app runs in development mode and a
 * switcher in the header picks them. Everything else reads only `useAuth()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, configureAuth, request, uuid } from '../api/client';

export type Role = 'operator' | 'worker' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['operator', 'worker', 'supervisor', 'admin'];

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly orgUnitId: string | null;
}

export type AuthMode = 'loading' | 'dev' | 'session' | 'login';

interface Auth {
  readonly mode: AuthMode;
  readonly user: User | null;
  /** Development mode only: act as another role or unit. */
  setDevUser(change: { role?: Role; orgUnitId?: string | null }): void;
  login(username: string, password: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<Auth | null>(null);
const SESSION_KEY = 'pls.session';
const DEV_KEY = 'pls.dev.user';
const DEV_IDS_KEY = 'pls.dev.ids';

interface Session {
  readonly accessToken: string;
  readonly refreshToken?: string;
}

function readJson<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** A stable user id per development role, so "my cases" and mediator ids stay put across reloads. */
function devUserId(role: Role): string {
  const ids = readJson<Record<string, string>>(DEV_IDS_KEY) ?? {};
  if (!ids[role]) {
    ids[role] = uuid();
    window.localStorage.setItem(DEV_IDS_KEY, JSON.stringify(ids));
  }
  return ids[role]!;
}

function initialDevUser(): User {
  const params = new URLSearchParams(window.location.search);
  const stored = readJson<{ role: Role; orgUnitId: string | null }>(DEV_KEY);
  const asRole = params.get('as') as Role | null;
  const role: Role = asRole && ROLES.includes(asRole) ? asRole : (stored?.role ?? 'operator');
  const orgUnitId = params.get('unit') ?? (asRole && asRole !== stored?.role ? null : (stored?.orgUnitId ?? null));
  const user = { id: devUserId(role), username: `dev-${role}`, role, orgUnitId };
  window.localStorage.setItem(DEV_KEY, JSON.stringify({ role, orgUnitId }));
  return user;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<AuthMode>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [session, setSession] = useState<Session | null>(() => readJson<Session>(SESSION_KEY));

  useEffect(() => {
    configureAuth(
      () => session?.accessToken ?? null,
      () => {
        if (mode === 'session') {
          window.localStorage.removeItem(SESSION_KEY);
          setSession(null);
          setUser(null);
          setMode('login');
        }
      },
    );
  }, [session, mode]);

  const loadMe = useCallback(async (s: Session | null) => {
    try {
      const headers: Record<string, string> = s ? { Authorization: `Bearer ${s.accessToken}` } : {};
      const me = await request<User>('GET', '/api/v1/auth/me', { headers });
      setUser(me.body);
      setMode('session');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // No identity module in this API yet: development mode with the role switcher.
        setUser(initialDevUser());
        setMode('dev');
      } else if (error instanceof ApiError && error.status === 401) {
        setUser(null);
        setMode('login');
      } else {
        // The API did not answer at all: keep working in development mode, the pages show the outage.
        setUser(initialDevUser());
        setMode('dev');
      }
    }
  }, []);

  useEffect(() => {
    void loadMe(session);
    // Only at start and after login/logout.
  }, []);

  const setDevUser = useCallback((change: { role?: Role; orgUnitId?: string | null }) => {
    setUser((current) => {
      if (!current) return current;
      const role = change.role ?? current.role;
      const orgUnitId = change.orgUnitId !== undefined ? change.orgUnitId : change.role && change.role !== current.role ? null : current.orgUnitId;
      window.localStorage.setItem(DEV_KEY, JSON.stringify({ role, orgUnitId }));
      return { id: devUserId(role), username: `dev-${role}`, role, orgUnitId };
    });
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await request<Session>('POST', '/api/v1/auth/login', { body: { username, password } });
      const s = { accessToken: answer.body.accessToken, refreshToken: answer.body.refreshToken };
      window.localStorage.setItem(SESSION_KEY, JSON.stringify(s));
      setSession(s);
      await loadMe(s);
    },
    [loadMe],
  );

  const logout = useCallback(() => {
    window.localStorage.removeItem(SESSION_KEY);
    setSession(null);
    setUser(null);
    setMode(mode === 'dev' ? 'dev' : 'login');
    if (mode === 'dev') setUser(initialDevUser());
  }, [mode]);

  const value = useMemo<Auth>(() => ({ mode, user, setDevUser, login, logout }), [mode, user, setDevUser, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
