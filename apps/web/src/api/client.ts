import { notePosition } from '../lib/position';

/**
 * The one way the UI talks to the API (shared/API.md): JSON in and out,
 * problem+json errors turned into ApiError, commands sent with an
 * Idempotency-Key that stays the same across retries, so a phone on a bad
 * connection can press "save" until it goes through and never write twice.
 */

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly currentVersion?: number;
  readonly [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Headers | null = null,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code ?? `HTTP.${this.problem.status}`;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
  get isStaleVersion(): boolean {
    return this.status === 409 && this.code === 'CONCURRENCY.STALE_VERSION';
  }
}

/** The request never got an answer (offline, reset, timeout). */
export class NetworkError extends Error {
  constructor(readonly cause: unknown) {
    super('network unavailable');
  }
}

export interface Written {
  readonly id: string;
  readonly version: number;
  readonly position: number;
  readonly [extra: string]: unknown;
}

type TokenSource = () => string | null;
let tokenSource: TokenSource = () => null;
let onUnauthorized: () => void = () => {};
let refresher: () => Promise<boolean> = async () => false;

/**
 * The auth context plugs in its bearer token, its reaction to a 401 that
 * cannot be mended (back to the login page), and the silent refresh tried
 * once when an access token has expired.
 */
export function configureAuth(source: TokenSource, unauthorized: () => void, refresh: () => Promise<boolean>): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
  refresher = refresh;
}

/** Exchanges the refresh token for a new pair; `false` when the session is over. */
export function refreshSession(): Promise<boolean> {
  return refresher();
}

export function uuid(): string {
  // randomUUID exists only in secure contexts (https, localhost); a desk on a plain-http LAN address gets the fallback.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Headers every request carries (the bearer token once there is a login). */
export function authHeaders(): Record<string, string> {
  const token = tokenSource();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  /** Milliseconds before the attempt counts as lost (default 15 s). */
  readonly timeoutMs?: number;
}

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  try {
    return await attempt<T>(method, path, options);
  } catch (error) {
    // An expired access token is renewed silently, once; any other 401 ends the session.
    if (error instanceof ApiError && error.status === 401 && error.code === 'AUTH.TOKEN_EXPIRED' && (await refreshSession())) {
      return attempt<T>(method, path, options);
    }
    if (error instanceof ApiError && error.status === 401 && path !== '/api/v1/auth/login') onUnauthorized();
    throw error;
  }
}

async function attempt<T>(method: string, path: string, options: RequestOptions): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = tokenSource();
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? 15_000);
  const onAbort = () => timeout.abort();
  options.signal?.addEventListener('abort', onAbort);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: timeout.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(error);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  const type = res.headers.get('content-type') ?? '';
  let body: unknown = null;
  try {
    body = type.includes('json') ? await res.json() : await res.text();
  } catch (error) {
    // The connection dropped while the body was on its way.
    throw new NetworkError(error);
  }
  if (!res.ok) {
    const problem: Problem =
      body && typeof body === 'object' ? { status: res.status, ...(body as object) } : { status: res.status, title: String(body || res.statusText) };
    throw new ApiError(problem, res.headers);
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function get<T = unknown>(path: string, params?: Record<string, string | number | boolean | null | undefined>, signal?: AbortSignal): Promise<T> {
  return (await request<T>('GET', withQuery(path, params), { signal })).body;
}

export function withQuery(path: string, params?: Record<string, string | number | boolean | null | undefined>): string {
  if (!params) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface CommandOptions {
  /** The version the user saw: sent as If-Match, a newer one is answered 409 CONCURRENCY.STALE_VERSION. */
  readonly ifMatch?: number;
  /** Reuse a key (a retry the user started after a failure the client could not tell apart from success). */
  readonly idempotencyKey?: string;
  /** Attempts in all when the connection fails or the server is briefly unavailable (default 6). */
  readonly attempts?: number;
  /** Told before every retry, e.g. to show "重试中 2/6". */
  readonly onRetry?: (attempt: number, of: number, error: unknown) => void;
  readonly signal?: AbortSignal;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });

/**
 * POST a command. The Idempotency-Key is drawn once and sent with every
 * attempt: if an earlier attempt did reach the server, the retry gets the
 * first answer back and nothing is appended twice (API.md).
 */
export async function command<T extends Written = Written>(path: string, body: unknown, options: CommandOptions = {}): Promise<T & { idempotencyKey: string }> {
  const key = options.idempotencyKey ?? uuid();
  const attempts = options.attempts ?? 6;
  const headers: Record<string, string> = { 'Idempotency-Key': key };
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const answer = await request<T>('POST', path, { body, headers, signal: options.signal });
      notePosition((answer.body as Written).position);
      return { ...answer.body, idempotencyKey: key };
    } catch (error) {
      lastError = error;
      const retryable = error instanceof NetworkError || (error instanceof ApiError && RETRYABLE_STATUS.has(error.status));
      if (!retryable || attempt === attempts) throw error;
      options.onRetry?.(attempt + 1, attempts, error);
      const retryAfter = error instanceof ApiError ? Number(error.headers?.get('Retry-After')) : NaN;
      const backoff = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(8000, 400 * 2 ** (attempt - 1));
      await sleep(backoff, options.signal);
    }
  }
  throw lastError;
}

/** `GET /api/v1/<collection>/{id}` with its version. */
export async function readRecord<T extends Record<string, unknown> = Record<string, unknown>>(collection: string, id: string, signal?: AbortSignal) {
  const answer = await request<T & { id: string; version: number; status: string }>('GET', `/api/v1/${collection}/${id}`, { signal });
  return answer.body;
}

export interface HistoryEvent {
  readonly type: string;
  readonly version: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly data: Record<string, any>;
  readonly metadata: Record<string, any>;
}

export async function readHistory(collection: string, id: string, signal?: AbortSignal): Promise<{ id: string; events: HistoryEvent[] }> {
  return get(`/api/v1/${collection}/${id}/history`, undefined, signal);
}
