/* A small service network and helpers that talk to the API over HTTP, as a
 * client outside the browser would (the "someone else" of the tests). */
import { randomUUID } from 'node:crypto';

export interface Network {
  readonly city: string;
  readonly townships: { qingshi: string; baishui: string };
  readonly villages: { shangwan: string; xiawan: string; liujia: string };
}

/** The people the browser specs sign in as: demo-like accounts the seed creates (one password for all). */
export const PEOPLE = {
  operator: { username: 'op.zhang', role: 'operator' },
  supervisor: { username: 'sup.li', role: 'supervisor' },
  shangwanWorker: { username: 'wk.wang', role: 'worker' },
  xiawanWorker: { username: 'wk.zhao', role: 'worker' },
} as const;
export const PEOPLE_PASSWORD = 'browser-pass-2021';
export const account = (who: keyof typeof PEOPLE) => ({ username: PEOPLE[who].username, password: PEOPLE_PASSWORD });

export class ApiClient {
  private authorization: string | null = null;

  constructor(readonly baseUrl: string) {}

  /** Signs in once; every later request carries the access token. */
  async signIn(user: { username: string; password: string }): Promise<void> {
    const r = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/login', user);
    if (r.status !== 200) throw new Error(`sign-in as ${user.username} → ${r.status} ${JSON.stringify(r.body)}`);
    this.authorization = `Bearer ${r.body.accessToken}`;
  }

  /** The specs' users: an operator and a supervisor at the city, a worker in 上湾村 and one in 下湾村. */
  async seedPeople(net: Network): Promise<void> {
    const units = { operator: net.city, supervisor: net.city, shangwanWorker: net.villages.shangwan, xiawanWorker: net.villages.xiawan };
    for (const [who, unit] of Object.entries(units) as Array<[keyof typeof PEOPLE, string]>) {
      await this.post('/api/v1/users', { username: PEOPLE[who].username, password: PEOPLE_PASSWORD, role: PEOPLE[who].role, orgUnitId: unit });
    }
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.authorization ? { authorization: this.authorization } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  async post<T = any>(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<T> {
    const r = await this.request<T>('POST', path, body, headers);
    if (r.status >= 300) throw new Error(`POST ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async get<T = any>(path: string): Promise<T> {
    const r = await this.request<T>('GET', path);
    if (r.status >= 300) throw new Error(`GET ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  private async unit(name: string, level: string, parentId: string | null, code: string): Promise<string> {
    return (await this.post<{ id: string }>('/api/v1/org-units', { name, level, parentId, code })).id;
  }

  async seedNetwork(): Promise<Network> {
    const city = await this.unit('云川市公共法律服务中心', 'city', null, 'YC');
    const qingshi = await this.unit('青石镇公共法律服务站', 'township', city, 'YC01');
    const baishui = await this.unit('白水街道公共法律服务站', 'township', city, 'YC02');
    const shangwan = await this.unit('上湾村公共法律服务工作室', 'village', qingshi, 'YC01-01');
    const xiawan = await this.unit('下湾村公共法律服务工作室', 'village', qingshi, 'YC01-02');
    const liujia = await this.unit('柳家社区公共法律服务工作室', 'village', baishui, 'YC02-01');
    // The org tree is a projection: wait until it shows every unit.
    await this.waitFor(async () => JSON.stringify(await this.get('/api/v1/org-units')).includes(liujia));
    return { city, townships: { qingshi, baishui }, villages: { shangwan, xiawan, liujia } };
  }

  async person(name: string, phone?: string): Promise<string> {
    return (await this.post<{ id: string }>('/api/v1/persons', { name, ...(phone ? { phone } : {}) })).id;
  }

  /** A mediation registered and accepted today at `unit`, optionally agreed. */
  async mediation(unit: string, day: string, options: { agreeFen?: number; category?: string } = {}): Promise<{ id: string; version: number }> {
    const a = await this.person('赵某某');
    const b = await this.person('钱某某');
    const m = await this.post<{ id: string; version: number }>('/api/v1/mediations', {
      orgUnitId: unit,
      kind: 'people',
      source: 'application',
      category: options.category ?? '03',
      parties: [
        { personId: a, role: 'applicant' },
        { personId: b, role: 'respondent' },
      ],
      claimedAmountFen: 1_234_567,
      registeredOn: day,
    });
    let w = await this.post<{ version: number }>(`/api/v1/mediations/${m.id}/accept`, { acceptedOn: day, mediatorIds: [randomUUID()] });
    if (options.agreeFen !== undefined) {
      w = await this.post(`/api/v1/mediations/${m.id}/agreement`, { form: 'oral', effectiveOn: day, agreedAmountFen: options.agreeFen });
    }
    return { id: m.id, version: w.version };
  }

  async waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (await check()) return;
      if (Date.now() > until) throw new Error('timed out waiting for the API');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
