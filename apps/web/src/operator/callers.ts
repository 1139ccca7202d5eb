/**
 * The console's caller directory: which vault person a phone number belongs
 * to, and the calls this desk logged for them. The number itself is never
 * stored: entries are keyed by a salted hash of it and keep only the masked
 * form (138****1234). The vault has no lookup by number yet; when the API
 * grows one (GET /api/v1/persons?phone=…), `lookupCaller` asks it first.
 */
import { ApiError, get, uuid } from '../api/client';
import { maskPhone } from '../api/validation';

export interface CallSummary {
  readonly id: string;
  readonly offeredAt: string;
  readonly outcome: string;
  readonly class: string;
  readonly category: string | null;
  readonly workOrderId?: string | null;
  readonly handedOverTo?: string | null;
  readonly orgUnitId?: string;
  readonly callerPersonId?: string | null;
  readonly masked?: string | null;
}

interface Entry {
  personId: string;
  masked: string;
  calls: CallSummary[];
}

const KEY = 'pls.callers';
const SALT_KEY = 'pls.callers.salt';
const TODAY_KEY = 'pls.calls.today';

function salt(): string {
  let s = localStorage.getItem(SALT_KEY);
  if (!s) {
    s = uuid();
    localStorage.setItem(SALT_KEY, s);
  }
  return s;
}

/** cyrb53: a fast 53-bit string hash (a local lookup key, not a secret). */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function normalisePhone(phone: string): string {
  return phone.replace(/[\s()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

function load(): Record<string, Entry> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}');
  } catch {
    return {};
  }
}

function save(all: Record<string, Entry>): void {
  localStorage.setItem(KEY, JSON.stringify(all));
}

export interface Caller {
  readonly personId: string;
  readonly masked: string;
  readonly calls: CallSummary[];
  readonly source: 'directory' | 'vault';
}

export async function lookupCaller(phone: string): Promise<Caller | null> {
  const n = normalisePhone(phone);
  if (n.length < 7) return null;
  try {
    const found = await get<any>('/api/v1/persons', { phone: n });
    const first = Array.isArray(found?.items) ? found.items[0] : null;
    if (first?.id) {
      const local = load()[hash(salt() + n)];
      return { personId: first.id, masked: first.phone ?? maskPhone(n), calls: local?.calls ?? [], source: 'vault' };
    }
  } catch (error) {
    if (!(error instanceof ApiError)) return localLookup(n);
  }
  return localLookup(n);
}

function localLookup(n: string): Caller | null {
  const e = load()[hash(salt() + n)];
  return e ? { personId: e.personId, masked: e.masked, calls: [...e.calls].sort((a, b) => (a.offeredAt < b.offeredAt ? 1 : -1)), source: 'directory' } : null;
}

export function rememberCall(phone: string, personId: string, call: CallSummary): void {
  const n = normalisePhone(phone);
  const all = load();
  const k = hash(salt() + n);
  const e = all[k] ?? { personId, masked: maskPhone(n), calls: [] };
  e.personId = personId;
  e.calls = [call, ...e.calls.filter((c) => c.id !== call.id)].slice(0, 50);
  all[k] = e;
  save(all);
}

/** Calls this desk logged today (shown at once, before the statistics projection has them). */
export function todaysLocalCalls(today: string): CallSummary[] {
  try {
    const stored = JSON.parse(localStorage.getItem(TODAY_KEY) ?? '{}') as { date?: string; calls?: CallSummary[] };
    return stored.date === today ? (stored.calls ?? []) : [];
  } catch {
    return [];
  }
}

export function addTodaysCall(today: string, call: CallSummary): void {
  const calls = [call, ...todaysLocalCalls(today).filter((c) => c.id !== call.id)].slice(0, 500);
  localStorage.setItem(TODAY_KEY, JSON.stringify({ date: today, calls }));
}
