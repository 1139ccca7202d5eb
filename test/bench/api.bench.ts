/*
 * Command throughput and latency of the HTTP API on the PostgreSQL store,
 * beside a bare Nest-Fastify route, both driven by autocannon from this
 * process while the servers run in their own processes.
 *
 *   npm run bench:api
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=16,64 npm run bench:api
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/pls_bench (created if missing)
 *   BENCH_IDEMPOTENCY=off   (default on: every command carries a fresh Idempotency-Key, as the web client sends)
 *
 * Workload (mixed, per connection, repeating): register a mediation, accept
 * it, record its agreement, create a consultation — four POST commands, each
 * a full pass through validation, reference checks (org unit, persons),
 * load/decide/append and the answer, signed in as a network-wide admin (bearer
 * token) and, like the web client, with an Idempotency-Key. The baseline answers the same requests with a
 * constant body. Rounds alternate API and baseline (ABBA) to share noise.
 */
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SECONDS = num('BENCH_SECONDS', 8);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '16,64').split(',').map(Number);
const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/pls_bench';
const IDEMPOTENCY = process.env.BENCH_IDEMPOTENCY !== 'off';
const TOKEN_SECRET = randomBytes(32).toString('base64');
/** The bench's admin (PLS_BOOTSTRAP_ADMIN), signed in once; every command reuses the access token. */
const BENCH_ADMIN = { username: 'bench.admin', password: randomBytes(12).toString('base64url') };
let AUTHORIZATION = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(): Promise<void> {
  const url = new URL(PG_URL);
  const db = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
  if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${db}"`);
  await admin.end();
}

function start(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      if (String(d).includes('listening')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

async function post(base: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: AUTHORIZATION }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

interface Fixture {
  townshipId: string;
  persons: [string, string];
}

async function seed(base: string): Promise<Fixture> {
  const city = await post(base, '/api/v1/org-units', { name: '云川市公共法律服务中心', level: 'city', parentId: null });
  const town = await post(base, '/api/v1/org-units', { name: '青河镇公共法律服务站', level: 'township', parentId: city.id });
  const a = await post(base, '/api/v1/persons', { name: '张某' });
  const b = await post(base, '/api/v1/persons', { name: '李某' });
  return { townshipId: town.id, persons: [a.id, b.id] };
}

interface Result {
  rps: number;
  /** Requests completed in the run. */
  total: number;
  /** CPU of the API process and of its PostgreSQL backends per request, µs (NaN where not measured). */
  apiCpuUs: number;
  pgCpuUs: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function drive(base: string, connections: number, fixture: Fixture): Promise<Result> {
  const mediatorIds = [fixture.persons[0]];
  const registration = JSON.stringify({
    orgUnitId: fixture.townshipId,
    kind: 'people',
    source: 'application',
    category: '02',
    parties: [
      { personId: fixture.persons[0], role: 'applicant' },
      { personId: fixture.persons[1], role: 'respondent' },
    ],
    claimedAmountFen: 100_000,
    registeredOn: '2021-03-01',
  });
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: any, context: any) => {
              const step = (context.step ?? 0) % 4;
              context.step = step + 1;
              req.headers = { 'content-type': 'application/json', authorization: AUTHORIZATION };
              if (IDEMPOTENCY) req.headers['idempotency-key'] = randomUUID();
              if (step === 0) {
                context.mediationId = randomUUID();
                req.path = '/api/v1/mediations';
                req.body = registration.replace('{', `{"id":"${context.mediationId}",`);
              } else if (step === 1) {
                req.path = `/api/v1/mediations/${context.mediationId}/accept`;
                req.body = JSON.stringify({ acceptedOn: '2021-03-02', mediatorIds });
              } else if (step === 2) {
                req.path = `/api/v1/mediations/${context.mediationId}/agreement`;
                req.body = JSON.stringify({ form: 'written', effectiveOn: '2021-03-20', agreedAmountFen: 80_000 });
              } else {
                req.path = '/api/v1/consultations';
                req.body = JSON.stringify({
                  orgUnitId: fixture.townshipId,
                  channel: 'visit',
                  receivedAt: '2021-03-05T09:30:00+08:00',
                  personsServed: 1,
                  category: '10',
                });
              }
              return req;
            },
          },
        ],
      },
      (error: Error | null, result: any) => {
        if (error) return reject(error);
        resolve({ rps: result.requests.average, total: result.requests.total, apiCpuUs: NaN, pgCpuUs: NaN, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors });
      },
    );
    instance.on('error', reject);
  });
}

/** utime + stime of a process in µs (Linux /proc; NaN elsewhere). */
function cpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // USER_HZ = 100
  } catch {
    return NaN;
  }
}

/** PostgreSQL backends serving a process's connections (its local ports, matched to pg_stat_activity.client_port). */
async function backendsOf(pid: number, admin: Client): Promise<number[]> {
  let out: string;
  try {
    out = execFileSync('ss', ['-tnpH', 'state', 'established', '( dport = :5432 )'], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const ports = out
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => Number(/:(\d+)\s+\S+:5432/.exec(line)?.[1]))
    .filter((p) => p > 0);
  if (ports.length === 0) return [];
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])', [ports]);
  return rows.map((r) => r.pid);
}

/** Runs `drive` and charges the API process's and its backends' CPU to the requests it completed. */
async function measured(pid: number, admin: Client, run: () => Promise<Result>): Promise<Result> {
  const backends = await backendsOf(pid, admin);
  const sum = (pids: number[]) => pids.reduce((s, p) => s + (cpuMicros(p) || 0), 0);
  const api0 = cpuMicros(pid);
  const pg0 = sum(backends);
  const result = await run();
  const api1 = cpuMicros(pid);
  const pg1 = sum(backends);
  const total = Math.max(1, result.total);
  return { ...result, apiCpuUs: (api1 - api0) / total, pgCpuUs: (pg1 - pg0) / total };
}

async function main(): Promise<void> {
  await ensureDatabase();
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const apiPort = await freePort();
  const barePort = await freePort();
  const url = `${PG_URL}?schema=${schema}`;
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const api = await start([...nodeArgs, join(ROOT, 'dist/apps/api/src/main.js')], {
    EVENT_STORE_URL: url,
    DATABASE_URL: url,
    PORT: String(apiPort),
    PLS_DEMO: 'off',
    PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
    PLS_TOKEN_SECRET: TOKEN_SECRET,
    PLS_BOOTSTRAP_ADMIN: `${BENCH_ADMIN.username}:${BENCH_ADMIN.password}`,
    PLS_ACCESS_TOKEN_TTL: '86400',
    // One client address signs in once; the lock-out and rate limit stay as shipped.
  });
  const bare = await start(['-r', '@swc-node/register', join(__dirname, 'bare-server.ts')], { PORT: String(barePort) });
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const bareBase = `http://127.0.0.1:${barePort}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  const driveApi = (c: number, fixture: Fixture) => measured(api.pid!, admin, () => drive(apiBase, c, fixture));
  try {
    const login = await fetch(`${apiBase}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
    AUTHORIZATION = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const fixture = await seed(apiBase);
    // Warm-up: JIT, statement caches, connection pools.
    await drive(apiBase, 16, fixture);
    await drive(bareBase, 16, fixture);
    const rows: string[] = [];
    for (const c of CONNECTIONS) {
      const apiRuns: Result[] = [];
      const bareRuns: Result[] = [];
      for (const order of [0, 1]) {
        if (order === 0) {
          apiRuns.push(await driveApi(c, fixture));
          bareRuns.push(await drive(bareBase, c, fixture));
        } else {
          bareRuns.push(await drive(bareBase, c, fixture));
          apiRuns.push(await driveApi(c, fixture));
        }
      }
      const avg = (rs: Result[], k: keyof Result) => rs.reduce((s, r) => s + r[k], 0) / rs.length;
      const apiRps = avg(apiRuns, 'rps');
      const bareRps = avg(bareRuns, 'rps');
      rows.push(
        `${String(c).padStart(11)} | ${apiRps.toFixed(0).padStart(12)} | ${avg(apiRuns, 'p50').toFixed(1).padStart(7)} | ${avg(apiRuns, 'p99').toFixed(1).padStart(7)} | ${bareRps.toFixed(0).padStart(10)} | ${avg(bareRuns, 'p99').toFixed(1).padStart(8)} | ${(apiRps / bareRps).toFixed(3).padStart(6)} | ${apiRuns.reduce((s, r) => s + r.non2xx + r.errors, 0).toString().padStart(11)} | ${avg(apiRuns, 'apiCpuUs').toFixed(0).padStart(10)} | ${avg(apiRuns, 'pgCpuUs').toFixed(0).padStart(9)} | ${apiRuns.map((r) => r.rps.toFixed(0)).join(', ')}`,
      );
    }
    process.stdout.write(
      `\nbench:api — POST commands on PostgreSQL vs a bare Nest-Fastify route (same run, ABBA; Idempotency-Key ${IDEMPOTENCY ? 'on' : 'off'})\n`,
    );
    process.stdout.write(
      'connections | api cmds/s   | p50 ms  | p99 ms  | bare req/s | bare p99 | ratio  | api non-2xx | api µs/cmd | pg µs/cmd | api runs cmds/s\n',
    );
    for (const r of rows) process.stdout.write(`${r}\n`);
  } finally {
    const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    api.kill('SIGTERM');
    bare.kill('SIGTERM');
    await Promise.all([exited(api), exited(bare)]);
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:api failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});

