/*
 * Event store append throughput, each adapter beside a raw-driver baseline.
 *
 *   npm run bench:store
 *   BENCH_SECONDS=5 BENCH_ROUNDS=6 BENCH_WARMUP_SECONDS=1 npm run bench:store
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/pls_bench  (default; the database is created if missing)
 *   BENCH_MODES=sqlite,postgres  BENCH_WRITERS=1,16,64  BENCH_EVENTS=1,10
 *   BENCH_PG_WRITE_CONCURRENCY=1   (the adapter's writeConcurrency option; default: the adapter's default)
 *
 * Workload, identical for adapter and baseline: W concurrent writers in this
 * one process; writer i owns stream `bench-<i>` and appends E events at a time
 * with the exact expected version it last got back (no conflicts). Each event
 * carries the same ~200-byte JSON data and metadata.
 *
 * Adapter: one store instance shared by all writers, used through the port
 * (`append(stream, events, expectedVersion)`): group commit, idempotency
 * lookup, stream row locks, gap-safe positions.
 *
 * Raw baseline: what a naive store written directly on the driver does, in a
 * table of the same shape (position bigint PK, id uuid UNIQUE, stream, version,
 * type, data, metadata, recorded_at, UNIQUE (stream, version)) — ONE
 * TRANSACTION PER APPEND:
 *   BEGIN;
 *   SELECT coalesce(max(version), 0) FROM events WHERE stream = $1;   -- version check, refuse on mismatch
 *   INSERT the E events (PostgreSQL: one multi-row INSERT … SELECT FROM unnest(…),
 *     position from an identity column, i.e. a sequence — NOT gap-safe;
 *     SQLite: one prepared INSERT per event, position = rowid);
 *   COMMIT;
 * No idempotency lookup, no streams table, no notification. PostgreSQL uses a
 * pool of min(W, BENCH_PG_RAW_POOL = 32) connections, so every writer has its
 * own transaction (up to 32 at once). SQLite uses one better-sqlite3
 * connection, WAL, synchronous=FULL (same as the adapter); its writers
 * interleave between appends.
 *
 * Each cell: warm-up of both, then BENCH_ROUNDS rounds (default 6), each
 * running adapter and baseline for BENCH_SECONDS / BENCH_ROUNDS seconds, in
 * ABBA order, so both share the machine's noise (fsync latency on a shared
 * disk varies a lot from second to second). Events/s = events of completed appends ÷ wall time.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import type { EventStore, NewEvent } from '@pls/event-store';
import { PostgresEventStore } from '@pls/event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '@pls/event-store/sqlite/sqlite-event-store';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);

const SECONDS = num('BENCH_SECONDS', 3);
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 0.5);
const ROUNDS = Math.max(1, Math.round(num('BENCH_ROUNDS', 6)));
const PG_RAW_POOL = num('BENCH_PG_RAW_POOL', 32);
const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/pls_bench';
const MODES = list('BENCH_MODES', 'sqlite,postgres');
const WRITERS = list('BENCH_WRITERS', '1,16,64').map(Number);
const EVENTS = list('BENCH_EVENTS', '1,10').map(Number);

/** One append of E events by one writer; resolves with the stream's new version. */
type AppendFn = (stream: string, events: readonly NewEvent[], expected: number) => Promise<number>;

interface Subject {
  append: AppendFn;
  close(): Promise<void>;
}

interface Mode {
  name: string;
  adapter(): Promise<Subject>;
  raw(writers: number): Promise<Subject>;
  describe(): Promise<string>;
  cleanup(): Promise<void>;
}

const sample = { caseId: 'PLS-2024-000123', channel: 'hotline', category: 'labour', summary: 'Wage arrears, 3 months, construction site', urgent: false };
const metadata = { actorId: 'u-42', correlationId: '00000000-0000-4000-8000-000000000000', causationId: null };

function makeEvents(n: number): NewEvent[] {
  return Array.from({ length: n }, () => ({ id: randomUUID(), type: 'BenchHappened', data: sample, metadata }));
}

function adapterSubject(store: EventStore): Subject {
  return {
    append: async (stream, events, expected) => (await store.append(stream, events, expected)).version,
    close: () => store.close(),
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/* ---------------------------------------------------------------- SQLite */

function sqliteMode(): Mode {
  const dir = mkdtempSync(join(tmpdir(), 'pls-bench-'));
  let n = 0;
  return {
    name: 'sqlite',
    async adapter() {
      return adapterSubject(new SqliteEventStore({ path: join(dir, `adapter-${n++}.db`), synchronous: 'full' }));
    },
    async raw() {
      const db = new Database(join(dir, `raw-${n++}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(`CREATE TABLE events (
        position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, version INTEGER NOT NULL,
        type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL,
        UNIQUE (stream, version))`);
      const current = db.prepare<[string], { v: number }>('SELECT coalesce(max(version), 0) AS v FROM events WHERE stream = ?');
      const insert = db.prepare('INSERT INTO events (id, stream, version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const append = db.transaction((stream: string, events: readonly NewEvent[], expected: number) => {
        const actual = current.get(stream)!.v;
        if (actual !== expected) throw new Error(`conflict on ${stream}`);
        const at = new Date().toISOString();
        let version = actual;
        for (const e of events) {
          version += 1;
          insert.run(e.id, stream, version, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata ?? {}), at);
        }
        return version;
      });
      return {
        async append(stream, events, expected) {
          const version = append.immediate(stream, events, expected);
          await new Promise((r) => setImmediate(r)); // let the other writers take turns
          return version;
        },
        async close() {
          db.close();
        },
      };
    },
    async describe() {
      return `SQLite ${new Database(':memory:').prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()!.v}, WAL, synchronous=FULL, temp files in ${dir}`;
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/* ------------------------------------------------------------ PostgreSQL */

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const first = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await first.connect();
    await first.end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
}

function postgresMode(url: string): Mode {
  const schemas: string[] = [];
  const fresh = () => {
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    return schema;
  };
  return {
    name: 'postgres',
    async adapter() {
      const writeConcurrency = process.env.BENCH_PG_WRITE_CONCURRENCY ? Number(process.env.BENCH_PG_WRITE_CONCURRENCY) : undefined;
      return adapterSubject(await PostgresEventStore.open({ connectionString: url, schema: fresh(), writeConcurrency }));
    },
    async raw(writers) {
      const s = `"${fresh()}"`;
      const pool = new Pool({ connectionString: url, max: Math.min(writers, PG_RAW_POOL) });
      pool.on('error', () => undefined);
      await pool.query(`CREATE SCHEMA ${s};
        CREATE TABLE ${s}.events (
          position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id          uuid NOT NULL UNIQUE,
          stream      text NOT NULL,
          version     integer NOT NULL,
          type        text NOT NULL,
          data        jsonb NOT NULL,
          metadata    jsonb NOT NULL,
          recorded_at timestamptz NOT NULL DEFAULT now(),
          UNIQUE (stream, version))`);
      const current = { name: 'raw_current', text: `SELECT coalesce(max(version), 0) AS v FROM ${s}.events WHERE stream = $1` };
      const insert = {
        name: 'raw_insert',
        text: `INSERT INTO ${s}.events (id, stream, version, type, data, metadata)
               SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[])`,
      };
      return {
        async append(stream, events, expected) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const { rows } = await client.query<{ v: number }>({ ...current, values: [stream] });
            if (rows[0]!.v !== expected) throw new Error(`conflict on ${stream}`);
            const versions = events.map((_, i) => expected + i + 1);
            await client.query({
              ...insert,
              values: [
                events.map((e) => e.id),
                events.map(() => stream),
                versions,
                events.map((e) => e.type),
                events.map((e) => JSON.stringify(e.data)),
                events.map((e) => JSON.stringify(e.metadata ?? {})),
              ],
            });
            await client.query('COMMIT');
            client.release();
            return versions[versions.length - 1]!;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            client.release();
            throw error;
          }
        },
        close: () => pool.end(),
      };
    },
    async describe() {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        const settings = await c.query<{ name: string; setting: string }>(
          `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay')`,
        );
        const version = (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
        return `PostgreSQL ${version} at ${new URL(url).host}${new URL(url).pathname}, ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}`;
      } finally {
        await c.end();
      }
    },
    async cleanup() {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        for (const schema of schemas) await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/* ----------------------------------------------------------------- runner */

interface Writer {
  stream: string;
  version: number;
}

async function run(subject: Subject, writers: Writer[], eventsPerAppend: number, seconds: number): Promise<{ events: number; ms: number }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let events = 0;
  await Promise.all(
    writers.map(async (w) => {
      while (performance.now() < deadline) {
        w.version = await subject.append(w.stream, makeEvents(eventsPerAppend), w.version);
        events += eventsPerAppend;
      }
    }),
  );
  return { events, ms: performance.now() - started };
}

interface Row {
  mode: string;
  writers: number;
  eventsPerAppend: number;
  adapter: number;
  raw: number;
}

async function cell(mode: Mode, writerCount: number, eventsPerAppend: number): Promise<Row> {
  const adapter = await mode.adapter();
  const raw = await mode.raw(writerCount);
  const makeWriters = (tag: string) => Array.from({ length: writerCount }, (_, i) => ({ stream: `bench-${tag}${i}`, version: 0 }));
  const adapterWriters = makeWriters('a');
  const rawWriters = makeWriters('r');
  try {
    await run(adapter, adapterWriters, eventsPerAppend, WARMUP_SECONDS);
    await run(raw, rawWriters, eventsPerAppend, WARMUP_SECONDS);
    const total = { adapter: { events: 0, ms: 0 }, raw: { events: 0, ms: 0 } };
    const slice = SECONDS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['adapter', 'raw'] as const) : (['raw', 'adapter'] as const);
      for (const which of order) {
        const r = await run(which === 'adapter' ? adapter : raw, which === 'adapter' ? adapterWriters : rawWriters, eventsPerAppend, slice);
        total[which].events += r.events;
        total[which].ms += r.ms;
      }
    }
    return {
      mode: mode.name,
      writers: writerCount,
      eventsPerAppend,
      adapter: (total.adapter.events / total.adapter.ms) * 1000,
      raw: (total.raw.events / total.raw.ms) * 1000,
    };
  } finally {
    await adapter.close();
    await raw.close();
  }
}

function table(rows: Row[]): string {
  const head = ['mode', 'writers', 'events/append', 'adapter events/s', 'raw events/s', 'adapter÷raw'];
  const body = rows.map((r) => [
    r.mode,
    String(r.writers),
    String(r.eventsPerAppend),
    Math.round(r.adapter).toLocaleString('en-US'),
    Math.round(r.raw).toLocaleString('en-US'),
    (r.adapter / r.raw).toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i < 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const modes: Mode[] = [];
  if (MODES.includes('sqlite')) modes.push(sqliteMode());
  if (MODES.includes('postgres')) {
    try {
      await ensureDatabase(PG_URL);
      modes.push(postgresMode(PG_URL));
    } catch (error) {
      const u = new URL(PG_URL);
      console.log(`[skip] postgres: cannot reach ${u.host}${u.pathname} (${(error as Error).message || (error as { code?: string }).code}); set BENCH_POSTGRES_URL`);
    }
  }
  console.log(`store bench: ${SECONDS}s per cell and variant (${ROUNDS} ABBA rounds, ${WARMUP_SECONDS}s warm-up), node ${process.version}, ${cpus().length} CPUs`);
  for (const mode of modes) console.log(`  ${mode.name}: ${await mode.describe()}`);
  const rows: Row[] = [];
  try {
    for (const mode of modes) {
      for (const writers of WRITERS) {
        for (const events of EVENTS) {
          const row = await cell(mode, writers, events);
          rows.push(row);
          console.log(`  ${mode.name} ${writers}×${events}: adapter ${Math.round(row.adapter)}/s, raw ${Math.round(row.raw)}/s`);
          await sleep(200);
        }
      }
    }
  } finally {
    for (const mode of modes) await mode.cleanup().catch(() => undefined);
  }
  console.log(`\n${table(rows)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
