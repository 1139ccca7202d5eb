/**
 * Who is at the keyboard: the signed-in user as GET /api/v1/auth/me answers
 * (role and org unit decided by the API), and the commands that role may run
 * as GET /api/v1/auth/permissions answers (the API's policy table: the UI
 * hides the buttons and forms of the others; the API still decides every
 * request, scope included). The tokens live in memory and in sessionStorage
 * (this tab only, gone when it closes); an expired access token is renewed
 * silently with the refresh token. Everything else reads only `useAuth()`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, configureAuth, request } from '../api/client';

export type Role = 'operator' | 'worker' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['operator', 'worker', 'supervisor', 'admin'];

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  /** `null`: a network-wide admin. */
  readonly orgUnitId: string | null;
}

/** Per collection, the actions the role may run (`(create)` for a create), as GET /api/v1/auth/permissions answers. */
export interface Permissions {
  readonly role: Role;
  readonly actions: Readonly<Record<string, readonly string[]>>;
}

/** The key of a create in the permissions (the API's policy table). */
export const CREATE_ACTION = '(create)';

export type AuthMode = 'loading' | 'session' | 'login';

interface Auth {
  readonly mode: AuthMode;
  readonly user: User | null;
  /** Whether the signed-in role may run the action (`null`: the create) on the collection; false when signed out. */
  can(collection: string, action: string | null): boolean;
  /** Signs in; answers who signed in. */
  login(username: string, password: string): Promise<User | null>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
const SESSION_KEY = 'pls.session';

interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
}

function storedSession(): Session | null {
  try {
    const raw = window.sessionStorage.getItem(SESSION_KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    return s && typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' ? s : null;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<AuthMode>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [permissions, setPermissions] = useState<Permissions | null>(null);
  // The tokens are read by every request: a ref, so a refresh needs no re-render.
  const session = useRef<Session | null>(storedSession());
  const refreshing = useRef<Promise<boolean> | null>(null);

  const keep = useCallback((s: Session | null) => {
    session.current = s;
    if (s) window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
    else window.sessionStorage.removeItem(SESSION_KEY);
  }, []);

  const signedOut = useCallback(() => {
    keep(null);
    setUser(null);
    setPermissions(null);
    setMode('login');
  }, [keep]);

  const refresh = useCallback((): Promise<boolean> => {
    // One refresh at a time: a spent refresh token sent twice would end the session.
    refreshing.current ??= (async () => {
      const current = session.current;
      if (!current) return false;
      try {
        const res = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
          credentials: 'same-origin',
        });
        if (!res.ok) {
          if (res.status === 401) signedOut();
          return false;
        }
        const pair = (await res.json()) as Session;
        keep({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
        return true;
      } catch {
        return false;
      } finally {
        refreshing.current = null;
      }
    })();
    return refreshing.current;
  }, [keep, signedOut]);

  useEffect(() => {
    configureAuth(() => session.current?.accessToken ?? null, signedOut, refresh);
  }, [signedOut, refresh]);

  const loadMe = useCallback(async (): Promise<User | null> => {
    if (!session.current) {
      setMode('login');
      return null;
    }
    try {
      const [me, allowed] = await Promise.all([
        request<User>('GET', '/api/v1/auth/me'),
        request<Permissions>('GET', '/api/v1/auth/permissions'),
      ]);
      setUser(me.body);
      setPermissions(allowed.body);
      setMode('session');
      return me.body;
    } catch {
      // 401 after a failed refresh, or no answer at all: sign in again.
      signedOut();
      return null;
    }
  }, [signedOut]);

  useEffect(() => {
    configureAuth(() => session.current?.accessToken ?? null, signedOut, refresh);
    void loadMe();
    // Only at start; login and logout call it themselves.
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await request<Session>('POST', '/api/v1/auth/login', { body: { username, password } });
      keep({ accessToken: answer.body.accessToken, refreshToken: answer.body.refreshToken });
      return loadMe();
    },
    [keep, loadMe],
  );

  const logout = useCallback(async () => {
    // Ends the session on the server too (its tokens stop working at once); signed out here whatever it answers.
    if (session.current) await request('POST', '/api/v1/auth/logout', { body: {} }).catch(() => undefined);
    signedOut();
  }, [signedOut]);

  const can = useCallback(
    (collection: string, action: string | null) => {
      const actions = permissions?.actions[collection];
      return Array.isArray(actions) && actions.includes(action ?? CREATE_ACTION);
    },
    [permissions],
  );

  const value = useMemo<Auth>(() => ({ mode, user, can, login, logout }), [mode, user, can, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** A login refusal in the user's words: wrong credentials, a locked account, too many attempts. */
export function loginProblem(error: unknown): { key: string; retryAfter?: number } {
  if (error instanceof ApiError) {
    const retryAfter = Number(error.headers?.get('Retry-After')) || undefined;
    if (error.code === 'AUTH.LOCKED') return { key: 'login.locked', retryAfter };
    if (error.code === 'AUTH.RATE_LIMITED') return { key: 'login.rateLimited', retryAfter };
    if (error.code === 'AUTH.ACCOUNT_DEACTIVATED') return { key: 'login.deactivated' };
    if (error.status === 401 || error.status === 422) return { key: 'login.wrong' };
  }
  return { key: 'error.network' };
}
