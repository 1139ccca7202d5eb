/*
 * The projection read side, measured beside its baselines in the same run.
 *
 *   npm run bench:projections
 *   BENCH_EVENTS=200000 npm run bench:projections          (scale part (b) down; default 1,000,000)
 *   BENCH_PARTS=lag,rebuild  BENCH_MODES=postgres,sqlite  BENCH_ROUNDS=1  BENCH_REBUILD_BATCH=2000
 *   BENCH_LAG_RATE=1000 BENCH_LAG_SECONDS=8 BENCH_LAG_WARMUP_SECONDS=2 BENCH_LAG_SEED_EVENTS=20000
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/pls_bench  (default; the database is created if missing)
 *
 * (a) LAG, PostgreSQL: commit → visible at a sustained append rate (default
 *     1,000 events/s, each its own append of a new record's event). The
 *     statistics runner runs in this process on the store's live subscription
 *     (LISTEN/NOTIFY); for every append we record when it returned (committed),
 *     when the runner's PositionWatch reached its position, and when a summary
 *     query (StatisticsQueries.summary of the whole tree for the year, as
 *     /stats/summary and the live stream answer it) first answered with a
 *     position at or past it — one summary at a time, re-asked as soon as the
 *     watch has moved on, as a dashboard's live stream does.
 *     Baseline: a bare subscription on the same store, following the same
 *     appends with a no-op handler — the notification and read path every
 *     projection shares; the ratio shows what the projection's transaction and
 *     the summary add. Goal: p50 ≤ 15 ms, p99 ≤ 100 ms to the summary.
 *     Four runs in ABBA order: A as shipped, B with the read model's connections on
 *     `synchronous_commit = off` (a lever: rows and checkpoint would still be
 *     lost or kept together in a database crash, and re-applied from the log).
 *
 * (b) REBUILD RATE of the statistics projection over BENCH_EVENTS events of
 *     every counted kind (mediations, consultations, calls, work orders,
 *     lectures: real event shapes, appended through the store's port by many
 *     concurrent appends that group commit coalesces into big transactions).
 *     A: rebuildProjection (beside the live read model, catch-up, swap into
 *        the live tables), events / wall time, build and swap shown apart.
 *     B: the set-based baseline — ONE `INSERT … SELECT … GROUP BY` computing
 *        the same daily buckets (stat_daily's key and sums) from a staging
 *        table holding the same events in the same database.
 *     ABBA order per round. Afterwards the live stat_daily must equal the
 *     baseline's buckets row for row (printed). Goal: ratio A/B ≥ 0.3.
 */
import type { ConsultationEvent } from '@pls/consultation';
import type { EventStore, NewEvent } from '@pls/event-store';
import { PostgresEventStore } from '@pls/event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '@pls/event-store/sqlite/sqlite-event-store';
import type { HotlineCallEvent, WorkOrderEvent } from '@pls/hotline';
import type { MediationEvent } from '@pls/mediation';
import type { OrgUnitEvent } from '@pls/org';
import type { LectureEvent } from '@pls/outreach';
import { Checkpoints, openReadModel, ProjectionRunner } from '@pls/read-model';
import { rebuildProjection } from '@pls/read-model/rebuild';
import { addDays, shanghaiDate } from '@pls/reference';
import { READ_MODEL_MIGRATIONS } from '@pls/runtime';
import { openStatisticsReader, StatisticsQueries, statisticsProjection, STATISTICS_PROJECTION } from '@pls/statistics';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/pls_bench';
const PARTS = list('BENCH_PARTS', 'lag,rebuild');
const MODES = list('BENCH_MODES', 'postgres,sqlite');
const EVENTS = num('BENCH_EVENTS', 1_000_000);
const ROUNDS = Math.max(1, num('BENCH_ROUNDS', 1));
/** Events per rebuild transaction (rebuildProjection's default when unset). */
const REBUILD_BATCH = process.env.BENCH_REBUILD_BATCH ? Number(process.env.BENCH_REBUILD_BATCH) : undefined;
const LAG_RATE = num('BENCH_LAG_RATE', 1000);
const LAG_SECONDS = num('BENCH_LAG_SECONDS', 8);
const LAG_WARMUP_SECONDS = num('BENCH_LAG_WARMUP_SECONDS', 2);
const LAG_SEED_EVENTS = num('BENCH_LAG_SEED_EVENTS', 20_000);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const out = (line = '') => process.stdout.write(`${line}\n`);

/* ------------------------------------------------------------ the events */

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const CITY = uuid(1);
/** A city, 4 townships, 16 villages. */
const TREE: ReadonlyArray<[string, 'city' | 'township' | 'village', string | null]> = [
  [CITY, 'city', null],
  ...Array.from({ length: 4 }, (_, t) => [uuid(10 + t), 'township', CITY] as [string, 'township', string]),
  ...Array.from({ length: 16 }, (_, v) => [uuid(100 + v), 'village', uuid(10 + (v % 4))] as [string, 'village', string]),
];
const UNITS = TREE.filter(([, level]) => level !== 'city').map(([id]) => id);
const CATEGORIES = ['01', '02', '03', '04', '05', '06', '10', '99'];

/** A seeded generator, so runs are comparable. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type AnyEvent = MediationEvent | ConsultationEvent | HotlineCallEvent | WorkOrderEvent | LectureEvent | OrgUnitEvent;
interface Rec {
  stream: string;
  events: AnyEvent[];
}

function treeRecords(): Rec[] {
  return TREE.map(([orgUnitId, level, parentId]) => ({
    stream: `orgunit-${orgUnitId}`,
    events: [{ type: 'OrgUnitRegistered', data: { orgUnitId, name: `unit ${orgUnitId.slice(-3)}`, level, parentId, code: null } }],
  }));
}

/** Records of every counted kind with the real event shapes, ~3.5 events each. */
class Records {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = mulberry32(seed);
  }
  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  next(): Rec {
    const unit = this.pick(UNITS);
    const day = addDays('2025-01-01', this.int(0, 364));
    const category = this.pick(CATEGORIES);
    const r = this.random();
    if (r < 0.3) return this.mediation(unit, day, category);
    if (r < 0.55) return this.consultation(unit, day, category);
    if (r < 0.85) return this.call(unit, day, category);
    return this.lecture(unit, day);
  }

  private mediation(unit: string, day: string, category: string): Rec {
    const mediationId = randomUUID();
    const facts = {
      orgUnitId: unit,
      kind: this.pick(['people', 'administrative', 'judicial'] as const),
      source: this.pick(['application', 'initiative', 'referral'] as const),
      category,
    };
    const claimedAmountFen = this.random() < 0.2 ? null : this.int(0, 50_000_000);
    const partyCount = this.int(2, 4);
    const events: MediationEvent[] = [
      {
        type: 'MediationRegistered',
        data: {
          mediationId,
          ...facts,
          parties: Array.from({ length: partyCount }, (_, i) => ({
            personId: randomUUID(),
            role: i === 0 ? ('applicant' as const) : ('respondent' as const),
          })),
          partyCount,
          claimedAmountFen,
          registeredOn: day,
          referredFrom: null,
        },
      },
    ];
    if (this.random() < 0.1) {
      events.push({ type: 'MediationRejected', data: { mediationId, ...facts, reason: 'out-of-scope', rejectedOn: day } });
      return { stream: `mediation-${mediationId}`, events };
    }
    const dueOn = addDays(day, 30);
    events.push({
      type: 'MediationAccepted',
      data: { mediationId, ...facts, acceptedOn: day, dueOn, mediatorIds: [randomUUID()], partyCount, claimedAmountFen },
    });
    const concludedOn = addDays(day, this.int(0, 40));
    const timing = { acceptedOn: day, dueOn, onTime: concludedOn <= dueOn };
    const fate = this.random();
    if (fate < 0.6) {
      events.push({
        type: 'MediationAgreementReached',
        data: { mediationId, ...facts, ...timing, form: 'written', effectiveOn: concludedOn, agreedAmountFen: this.int(0, 10_000_000) },
      });
    } else if (fate < 0.8) {
      events.push({
        type: 'MediationTerminated',
        data: { mediationId, ...facts, ...timing, reason: 'no-agreement', terminatedOn: concludedOn },
      });
    }
    return { stream: `mediation-${mediationId}`, events };
  }

  private consultation(unit: string, day: string, category: string): Rec {
    const consultationId = randomUUID();
    const facts = { consultationId, orgUnitId: unit, category, receivedOn: day };
    const events: ConsultationEvent[] = [
      {
        type: 'ConsultationOpened',
        data: {
          ...facts,
          channel: 'visit',
          receivedAt: `${day}T10:15:00+08:00`,
          personsServed: this.int(1, 5),
          personId: null,
          topicCode: null,
        },
      },
    ];
    const closedOn = addDays(day, this.int(0, 5));
    const fate = this.random();
    if (fate < 0.6)
      events.push({ type: 'ConsultationAnswered', data: { ...facts, answeredAt: `${closedOn}T16:00:00+08:00`, answeredOn: closedOn } });
    else if (fate < 0.8) {
      events.push({
        type: 'ConsultationReferred',
        data: {
          ...facts,
          target: 'legal-aid',
          targetOrgUnitId: null,
          mediationId: null,
          referredAt: `${closedOn}T16:00:00+08:00`,
          referredOn: closedOn,
        },
      });
    }
    return { stream: `consultation-${consultationId}`, events };
  }

  private call(unit: string, day: string, category: string): Rec {
    const callId = randomUUID();
    const offered = Date.parse(`${day}T09:00:00+08:00`) + this.int(0, 36_000) * 1000;
    const outcome = this.pick(['answered', 'answered', 'answered', 'missed', 'voicemail'] as const);
    const wait = outcome === 'answered' ? this.int(0, 30) : this.int(0, 20);
    const answered = outcome === 'answered' ? offered + wait * 1000 : null;
    const ended = (answered ?? offered + wait * 1000) + 60_000;
    const offeredOn = shanghaiDate(new Date(offered).toISOString());
    const events: HotlineCallEvent[] = [
      {
        type: 'HotlineCallLogged',
        data: {
          callId,
          orgUnitId: unit,
          offeredAt: new Date(offered).toISOString(),
          answeredAt: answered === null ? null : new Date(answered).toISOString(),
          endedAt: new Date(ended).toISOString(),
          outcome,
          waitSeconds: wait,
          talkSeconds: answered === null ? 0 : 60,
          callerPersonId: null,
          class: 'complaint',
          category,
          operatorId: null,
          offeredOn,
        },
      },
    ];
    if (answered === null || this.random() < 0.7) return { stream: `hotlinecall-${callId}`, events };
    // Handed over as a work order, which lives in a stream of its own.
    const workOrderId = randomUUID();
    const createdAt = new Date(ended + 60_000).toISOString();
    const assignTo = this.pick(UNITS);
    events.push({
      type: 'HotlineCallHandedOver',
      data: { workOrderId, assignToOrgUnitId: assignTo, urgent: false, at: createdAt, orgUnitId: unit, offeredOn },
    });
    const base = { class: 'complaint' as const, category, urgent: false, createdAt };
    const on = (days: number) => addDays(shanghaiDate(createdAt), days);
    const at = (days: number) => `${on(days)}T10:00:00+08:00`;
    const order: WorkOrderEvent[] = [
      { type: 'WorkOrderCreated', data: { ...base, orgUnitId: unit, workOrderId, callId, assignToOrgUnitId: assignTo, createdOn: on(0) } },
      { type: 'WorkOrderAssigned', data: { ...base, orgUnitId: assignTo, at: createdAt, assignedOn: on(0), waitingSince: createdAt } },
      {
        type: 'WorkOrderReplied',
        data: {
          ...base,
          orgUnitId: assignTo,
          resultCode: 'resolved',
          at: at(1),
          repliedOn: on(1),
          assignedAt: createdAt,
          replyLimitWorkingDays: null,
        },
      },
      {
        type: 'WorkOrderVisited',
        data: {
          ...base,
          orgUnitId: assignTo,
          satisfaction: this.pick(['very-satisfied', 'satisfied', 'basic'] as const),
          at: at(2),
          visitedOn: on(2),
        },
      },
      { type: 'WorkOrderClosed', data: { ...base, orgUnitId: assignTo, at: at(3), closedOn: on(3), withoutVisit: false } },
    ];
    // The caller's stream first; the order's stream is its own record (see `records`).
    this.pending = { stream: `workorder-${workOrderId}`, events: order.slice(0, this.int(2, 5)) };
    return { stream: `hotlinecall-${callId}`, events };
  }

  /** A work order handed over by the last call, appended as the next record. */
  pending: Rec | null = null;

  private lecture(unit: string, day: string): Rec {
    const lectureId = randomUUID();
    const events: LectureEvent[] = [{ type: 'LecturePlanned', data: { lectureId, orgUnitId: unit, plannedOn: day, topic: '民法典' } }];
    const fate = this.random();
    if (fate < 0.7)
      events.push({
        type: 'LectureHeld',
        data: { lectureId, orgUnitId: unit, heldOn: addDays(day, this.int(-2, 2)), attendees: this.int(1, 300) },
      });
    else if (fate < 0.8) events.push({ type: 'LectureCancelled', data: { lectureId, orgUnitId: unit, plannedOn: day, reason: null } });
    return { stream: `lecture-${lectureId}`, events };
  }

  /** The next record, or the work order the previous call handed over. */
  take(): Rec {
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      return p;
    }
    return this.next();
  }
}

const toNew = (e: AnyEvent): NewEvent => ({ id: randomUUID(), type: e.type, data: e.data });

/** Appends whole records (one append each) with `concurrency` in flight, until `total` events; group commit batches them. */
async function fill(store: EventStore, total: number, seed: number, concurrency = 64): Promise<number> {
  const records = new Records(seed);
  for (const r of treeRecords()) await store.append(r.stream, r.events.map(toNew), 0);
  let appended = TREE.length;
  const started = performance.now();
  let lastReport = started;
  const lane = async () => {
    while (appended < total) {
      const r = records.take();
      appended += r.events.length;
      await store.append(r.stream, r.events.map(toNew), 0);
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        out(`  … ${n(appended)} events appended (${n(appended / ((lastReport - started) / 1000))}/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return store.headPosition();
}

/* ------------------------------------------------------------ PostgreSQL */

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0)
      await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function dropSchemas(schemas: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    // Rebuild schemas left by an interrupted run of this bench.
    const left = await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_statistics\\_%'`);
    for (const r of left.rows) await client.query(`DROP SCHEMA IF EXISTS "${r.nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}

const freshSchema = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** First time at which `position` was reached, from (position, at) points in increasing order. */
function reachedAt(points: ReadonlyArray<{ position: number; at: number }>, position: number): number | null {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.position >= position) hi = mid;
    else lo = mid + 1;
  }
  return lo < points.length ? points[lo]!.at : null;
}

/* ------------------------------------------------------------- (a) lag */

interface LagSeries {
  sorted: number[];
  missing: number;
}

interface LagRun {
  achieved: number;
  wall: number;
  measured: number;
  append: number[];
  base: LagSeries;
  watch: LagSeries;
  summary: LagSeries;
  summaryQuery: number[];
}

/**
 * One lag measurement on a fresh schema. `asyncCommit`: the read model's
 * connections commit without waiting for the WAL flush (a lever, not the
 * shipped configuration — see the report).
 */
async function measureLag(asyncCommit: boolean): Promise<LagRun> {
  const schema = freshSchema('bench_lag');
  const url = `${PG_URL}?schema=${schema}`;
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema });
  let db = await openReadModel({ url, kind: 'postgres', migrations: READ_MODEL_MIGRATIONS });
  if (asyncCommit) {
    const options = db.options as DataSourceOptions & { extra?: Record<string, unknown> };
    await db.destroy();
    db = new DataSource({
      ...options,
      migrations: [],
      extra: { ...options.extra, options: `-c search_path="${schema}" -c synchronous_commit=off` },
    } as DataSourceOptions);
    await db.initialize();
  }
  const reader = await openStatisticsReader(db);
  const queries = new StatisticsQueries(reader);
  try {
    await fill(store, LAG_SEED_EVENTS, 7, 32);
    await new Checkpoints(db).read(STATISTICS_PROJECTION);
    const runner = new ProjectionRunner(store, db, statisticsProjection);
    await runner.catchUp();

    const advances: Array<{ position: number; at: number }> = [];
    const delivered: Array<{ position: number; at: number }> = [];
    const answered: Array<{ position: number; at: number }> = [];
    const summaryQuery: number[] = [];
    runner.watch.onAdvance((position) => advances.push({ position, at: performance.now() }));
    const baseline = store.subscribeAll(await store.headPosition(), (batch) => {
      delivered.push({ position: batch[batch.length - 1]!.position, at: performance.now() });
    });
    await runner.start();

    // The live summary: one at a time, asked again as soon as the watch has moved past the last answer.
    let asking = false;
    let stopped = false;
    const ask = async (): Promise<void> => {
      if (asking || stopped) return;
      asking = true;
      try {
        for (;;) {
          const asked = performance.now();
          const summary = await queries.summary({
            orgUnitId: CITY,
            from: '2025-01-01',
            to: '2026-01-01',
            asOf: null,
            successRate: 'reported',
          });
          const at = performance.now();
          summaryQuery.push(at - asked);
          answered.push({ position: summary.position, at });
          if (stopped || runner.watch.position <= summary.position) break;
        }
      } finally {
        asking = false;
      }
    };
    runner.watch.onAdvance(() => void ask());

    const records = new Records(99);
    const commits: Array<{ position: number; at: number; sentAt: number }> = [];
    const inflight = new Set<Promise<unknown>>();
    const total = (LAG_WARMUP_SECONDS + LAG_SECONDS) * LAG_RATE;
    const start = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * LAG_RATE));
      while (sent < due) {
        sent += 1;
        // One event per append, each a new record's first event (a record's later events would wait for their predecessors).
        const r = records.take();
        const sentAt = performance.now();
        const p = store.append(r.stream, [toNew(r.events[0]!)], 0).then((result) => {
          commits.push({ position: result.position, at: performance.now(), sentAt });
        });
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      await sleep(1);
    }
    const wall = (performance.now() - start) / 1000;
    await Promise.all(inflight);
    const head = await store.headPosition();
    const deadline = performance.now() + 10_000;
    while ((answered.at(-1)?.position ?? 0) < head && performance.now() < deadline) await sleep(5);
    stopped = true;
    await runner.stop();
    await baseline.stop();

    const measured = commits.filter((c) => c.sentAt - start >= LAG_WARMUP_SECONDS * 1000).sort((a, b) => a.position - b.position);
    const lags = (points: Array<{ position: number; at: number }>): LagSeries => {
      points.sort((a, b) => a.position - b.position || a.at - b.at);
      const values: number[] = [];
      let missing = 0;
      for (const c of measured) {
        const at = reachedAt(points, c.position);
        if (at === null) missing += 1;
        else values.push(Math.max(0, at - c.at));
      }
      return { sorted: values.sort((a, b) => a - b), missing };
    };
    return {
      achieved: sent / wall,
      wall,
      measured: measured.length,
      append: measured.map((c) => c.at - c.sentAt).sort((a, b) => a - b),
      base: lags(delivered),
      watch: lags(advances),
      summary: lags(answered),
      summaryQuery: summaryQuery.sort((a, b) => a - b),
    };
  } finally {
    await reader.close();
    await db.destroy();
    await store.close();
    await dropSchemas([schema]);
  }
}

async function lagBench(): Promise<void> {
  out(
    `\n(a) lag from commit to visible — PostgreSQL, ${n(LAG_RATE)} appends/s (one event each, a new record's first event), ` +
      `${LAG_WARMUP_SECONDS} s warm-up + ${LAG_SECONDS} s measured per run, on ${n(LAG_SEED_EVENTS)} seeded events; ` +
      `runs in ABBA order (A as shipped, B asynchronous commit on the read model), samples of a configuration pooled`,
  );
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  const merge = (a: LagSeries | undefined, b: LagSeries): LagSeries =>
    a ? { sorted: [...a.sorted, ...b.sorted].sort((x, y) => x - y), missing: a.missing + b.missing } : b;
  const pooled = new Map<
    boolean,
    { runs: LagRun[]; base?: LagSeries; watch?: LagSeries; summary?: LagSeries; append: number[]; query: number[] }
  >();
  for (const asyncCommit of [false, true, true, false]) {
    const run = await measureLag(asyncCommit);
    const p = pooled.get(asyncCommit) ?? { runs: [], append: [], query: [] };
    p.runs.push(run);
    p.base = merge(p.base, run.base);
    p.watch = merge(p.watch, run.watch);
    p.summary = merge(p.summary, run.summary);
    p.append = [...p.append, ...run.append].sort((x, y) => x - y);
    p.query = [...p.query, ...run.summaryQuery].sort((x, y) => x - y);
    pooled.set(asyncCommit, p);
    out(
      `  ${asyncCommit ? 'B' : 'A'}: achieved ${n(run.achieved)}/s over ${run.wall.toFixed(1)} s, ${n(run.measured)} appends measured; ` +
        `watch p50 ${f(percentile(run.watch.sorted, 50))} ms, summary answered p50 ${f(percentile(run.summary.sorted, 50))} ms`,
    );
  }
  const rows: string[][] = [['read model commit', 'path', 'p50 ms', 'p99 ms', 'max ms', 'ratio p50', 'ratio p99', 'not seen']];
  for (const [asyncCommit, p] of pooled) {
    const label = asyncCommit ? 'B asynchronous (lever)' : 'A synchronous (as shipped)';
    const row = (path: string, l: LagSeries) => {
      const p50 = percentile(l.sorted, 50);
      const p99 = percentile(l.sorted, 99);
      return [
        label,
        path,
        f(p50),
        f(p99),
        f(l.sorted.at(-1) ?? NaN),
        `${(p50 / Math.max(0.1, percentile(p.base!.sorted, 50))).toFixed(2)}×`,
        `${(p99 / Math.max(0.1, percentile(p.base!.sorted, 99))).toFixed(2)}×`,
        String(l.missing),
      ];
    };
    rows.push(
      row('bare subscription (baseline)', p.base!),
      row('runner PositionWatch', p.watch!),
      row('runner + summary answered', p.summary!),
      [label, 'summary query alone', f(percentile(p.query, 50)), f(percentile(p.query, 99)), f(p.query.at(-1) ?? NaN), '', '', ''],
      [label, 'append (commit) latency', f(percentile(p.append, 50)), f(percentile(p.append, 99)), f(p.append.at(-1) ?? NaN), '', '', ''],
    );
  }
  table(rows);
  const shipped = pooled.get(false)!.summary!;
  const p50 = percentile(shipped.sorted, 50);
  const p99 = percentile(shipped.sorted, 99);
  out(
    `  goal commit → summary, as shipped: p50 ≤ 15 ms (${f(p50)}: ${p50 <= 15 ? 'met' : 'MISSED'}), p99 ≤ 100 ms (${f(p99)}: ${p99 <= 100 ? 'met' : 'MISSED'})`,
  );
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, row] of rows.entries()) {
    out(`  ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')}`);
    if (i === 0) out(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  }
}

/* --------------------------------------------------------- (b) rebuild */

type Dialect = 'postgres' | 'sqlite';

/** JSON field `f` of the staging row as text / as an integer. */
const js = (f: string) => `(data->>'${f}')`;
const ji = (f: string) => `CAST(data->>'${f}' AS BIGINT)`;
/** JSON true, as either driver gives it back through `->>` (PostgreSQL 'true', SQLite 1). */
const jtrue = (f: string) => `CAST(data->>'${f}' AS TEXT) IN ('true', '1')`;

/**
 * The set-based baseline: every fact the statistics count for the generated
 * kinds, as rows of one UNION ALL, summed per stat_daily bucket in ONE
 * `INSERT … SELECT … GROUP BY`. Rules as in the projection (API.md).
 */
function baselineSql(): string {
  const cat = `substr(${js('category')}, 1, 2)`;
  const fact = (
    type: string,
    recordType: string,
    metric: string,
    day: string,
    unit: string,
    more: { category?: string; kind?: string; source?: string; amount?: string; count?: string; onTime?: string; where?: string } = {},
  ) =>
    `SELECT ${js(day)} AS business_day, ${js(unit)} AS unit_id, '${recordType}' AS record_type, '${metric}' AS metric,
            ${more.category ?? 'NULL'} AS category, ${more.kind ?? 'NULL'} AS kind, ${more.source ?? 'NULL'} AS source,
            ${more.amount ?? 'NULL'} AS amount_fen, ${more.count ?? 'NULL'} AS count_value, ${more.onTime ?? 'NULL'} AS on_time
       FROM bench_stage WHERE type = '${type}'${more.where ? ` AND ${more.where}` : ''}`;
  const med = { category: cat, kind: js('kind'), source: js('source') };
  const onTime = `CASE WHEN ${jtrue('onTime')} THEN 1 ELSE 0 END`;
  const facts = [
    fact('MediationAccepted', 'mediation', 'mediation.accepted', 'acceptedOn', 'orgUnitId', {
      ...med,
      amount: ji('claimedAmountFen'),
      count: ji('partyCount'),
    }),
    fact('MediationAgreementReached', 'mediation', 'mediation.succeeded', 'effectiveOn', 'orgUnitId', {
      ...med,
      amount: ji('agreedAmountFen'),
      onTime,
    }),
    fact('MediationTerminated', 'mediation', 'mediation.terminated', 'terminatedOn', 'orgUnitId', { ...med, onTime }),
    fact('MediationRejected', 'mediation', 'mediation.rejected', 'rejectedOn', 'orgUnitId', med),
    fact('ConsultationOpened', 'consultation', 'consultation.opened', 'receivedOn', 'orgUnitId', {
      category: cat,
      count: ji('personsServed'),
    }),
    fact('ConsultationAnswered', 'consultation', 'consultation.closed', 'answeredOn', 'orgUnitId', { category: cat }),
    fact('ConsultationReferred', 'consultation', 'consultation.referred', 'receivedOn', 'orgUnitId', { category: cat }),
    fact('ConsultationReferred', 'consultation', 'consultation.closed', 'referredOn', 'orgUnitId', { category: cat }),
    // Offered unless abandoned within 5 s; timely: answered within 15 s of the offer (whole seconds here, so waitSeconds is exact).
    fact('HotlineCallLogged', 'hotline-call', 'hotline.offered', 'offeredOn', 'orgUnitId', {
      category: cat,
      where: `(${js('outcome')} <> 'missed' OR ${ji('waitSeconds')} >= 5)`,
    }),
    fact('HotlineCallLogged', 'hotline-call', 'hotline.missed', 'offeredOn', 'orgUnitId', {
      category: cat,
      where: `${js('outcome')} = 'missed'`,
    }),
    fact('HotlineCallLogged', 'hotline-call', 'hotline.answered', 'offeredOn', 'orgUnitId', {
      category: cat,
      where: `${js('outcome')} = 'answered' AND ${js('answeredAt')} IS NOT NULL`,
    }),
    fact('HotlineCallLogged', 'hotline-call', 'hotline.answeredWithin15s', 'offeredOn', 'orgUnitId', {
      category: cat,
      where: `${js('outcome')} = 'answered' AND ${js('answeredAt')} IS NOT NULL AND ${ji('waitSeconds')} <= 15`,
    }),
    fact('WorkOrderCreated', 'work-order', 'workOrder.created', 'createdOn', 'assignToOrgUnitId', { category: cat }),
    fact('WorkOrderCreated', 'work-order', 'workOrder.routed', 'createdOn', 'orgUnitId', { category: cat }),
    fact('WorkOrderAssigned', 'work-order', 'workOrder.routed', 'assignedOn', 'orgUnitId', { category: cat }),
    fact('WorkOrderReplied', 'work-order', 'workOrder.replied', 'repliedOn', 'orgUnitId', { category: cat }),
    fact('WorkOrderVisited', 'work-order', 'workOrder.visited', 'visitedOn', 'orgUnitId', { category: cat }),
    fact('WorkOrderVisited', 'work-order', 'workOrder.satisfied', 'visitedOn', 'orgUnitId', {
      category: cat,
      where: `${js('satisfaction')} IN ('very-satisfied', 'satisfied')`,
    }),
    fact('WorkOrderClosed', 'work-order', 'workOrder.closed', 'closedOn', 'orgUnitId', { category: cat }),
    fact('LectureHeld', 'lecture', 'lecture.held', 'heldOn', 'orgUnitId', { count: ji('attendees') }),
  ];
  return `INSERT INTO bench_daily (bucket, business_day, unit_id, record_type, metric, category, kind, source,
                                 fact_count, amount_fen, amount_missing, count_value, on_time_count)
          SELECT business_day || '|' || unit_id || '|' || metric || '|' || COALESCE(category, '') || '|' || COALESCE(kind, '') || '|' || COALESCE(source, ''),
                 business_day, unit_id, record_type, metric, category, kind, source,
                 COUNT(*), COALESCE(SUM(amount_fen), 0), COUNT(*) - COUNT(amount_fen), COALESCE(SUM(count_value), 0),
                 SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END)
            FROM (${facts.join('\n UNION ALL ')}) f
           GROUP BY business_day, unit_id, record_type, metric, category, kind, source`;
}

const BENCH_DAILY = `CREATE TABLE bench_daily (
  bucket varchar(240) PRIMARY KEY, business_day varchar(10) NOT NULL, unit_id varchar(64) NOT NULL, record_type varchar(20) NOT NULL,
  metric varchar(40) NOT NULL, category varchar(8), kind varchar(20), source varchar(20),
  fact_count bigint NOT NULL, amount_fen bigint NOT NULL, amount_missing bigint NOT NULL, count_value bigint NOT NULL, on_time_count bigint NOT NULL)`;

interface RebuildTarget {
  readonly dialect: Dialect;
  readonly describe: string;
  readonly store: EventStore;
  readonly db: DataSource;
  /** Copies the log into `bench_stage` (position, type, data) in the read-model database; untimed. */
  stage(): Promise<void>;
  close(): Promise<void>;
}

async function postgresTarget(): Promise<RebuildTarget> {
  // Server mode: log and read models in one schema of one database.
  const schema = freshSchema('bench_rebuild');
  const store = await PostgresEventStore.open({ connectionString: PG_URL, schema });
  const db = await openReadModel({ url: `${PG_URL}?schema=${schema}`, kind: 'postgres', migrations: READ_MODEL_MIGRATIONS });
  const [version] = (await db.query('SHOW server_version')) as Array<{ server_version: string }>;
  return {
    dialect: 'postgres',
    describe: `PostgreSQL ${version!.server_version}, schema ${schema}`,
    store,
    db,
    async stage() {
      await db.query('DROP TABLE IF EXISTS bench_stage');
      await db.query('CREATE TABLE bench_stage AS SELECT position, type, data FROM es_events');
      await db.query('ANALYZE bench_stage');
    },
    async close() {
      await db.destroy();
      await store.close();
      await dropSchemas([schema]);
    },
  };
}

async function sqliteTarget(): Promise<RebuildTarget> {
  // Embedded mode: the log in one file, the read models in a file beside it.
  const dir = mkdtempSync(join(tmpdir(), 'pls-bench-projections-'));
  const store = new SqliteEventStore({ path: join(dir, 'pls.db'), synchronous: 'normal' });
  const db = await openReadModel({ url: `sqlite:${join(dir, 'pls.read.db')}`, kind: 'sqlite', migrations: READ_MODEL_MIGRATIONS });
  const [version] = (await db.query('SELECT sqlite_version() AS v')) as Array<{ v: string }>;
  return {
    dialect: 'sqlite',
    describe: `SQLite ${version!.v} (WAL), files in ${dir}`,
    store,
    db,
    async stage() {
      await db.query('DROP TABLE IF EXISTS bench_stage');
      await db.query('CREATE TABLE bench_stage (position INTEGER PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL)');
      await db.query('ATTACH DATABASE ? AS log', [join(dir, 'pls.db')]);
      try {
        await db.query('INSERT INTO bench_stage (position, type, data) SELECT position, type, data FROM log.es_events');
      } finally {
        await db.query('DETACH DATABASE log');
      }
    },
    async close() {
      await db.destroy();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function rebuildBench(dialect: Dialect): Promise<void> {
  const target = dialect === 'postgres' ? await postgresTarget() : await sqliteTarget();
  try {
    out(`\n(b) rebuild of the statistics projection over ${n(EVENTS)} events — ${target.describe}`);
    const fillStarted = performance.now();
    const events = await fill(target.store, EVENTS, 42, dialect === 'postgres' ? 64 : 16);
    out(
      `  appended ${n(events)} events in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s; staging a copy for the baseline (untimed)`,
    );
    await target.stage();
    const sql = baselineSql();

    const results: Array<{ round: number; which: 'A' | 'B'; seconds: number; build?: number; swap?: number }> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const which of ['A', 'B', 'B', 'A'] as const) {
        if (which === 'A') {
          const started = performance.now();
          const result = await rebuildProjection({
            store: target.store,
            live: target.db,
            projection: statisticsProjection,
            migrations: READ_MODEL_MIGRATIONS,
            batchSize: REBUILD_BATCH,
            progress: { isTTY: false, write: () => undefined },
          });
          const seconds = (performance.now() - started) / 1000;
          if (result.position !== events) throw new Error(`rebuilt to ${result.position}, expected ${events}`);
          results.push({ round, which, seconds, build: result.buildMs / 1000, swap: result.swapMs / 1000 });
          out(
            `  round ${round} A: rebuild ${seconds.toFixed(1)} s (build ${(result.buildMs / 1000).toFixed(1)} s, swap ${(result.swapMs / 1000).toFixed(1)} s)`,
          );
        } else {
          await target.db.query('DROP TABLE IF EXISTS bench_daily');
          await target.db.query(BENCH_DAILY);
          const started = performance.now();
          await target.db.query(sql);
          const seconds = (performance.now() - started) / 1000;
          results.push({ round, which, seconds });
          out(`  round ${round} B: INSERT … SELECT ${seconds.toFixed(2)} s`);
        }
      }
    }

    // The baseline computes exactly the live buckets.
    const cols =
      'bucket, business_day, unit_id, record_type, metric, category, kind, source, fact_count, amount_fen, amount_missing, count_value, on_time_count';
    const rowsOf = async (table: string) =>
      ((await target.db.query(`SELECT ${cols} FROM ${table} ORDER BY bucket`)) as Array<Record<string, unknown>>).map((r) =>
        Object.values(r)
          .map((v) => (v === null ? '' : String(v)))
          .join('|'),
      );
    const live = await rowsOf('stat_daily');
    const base = await rowsOf('bench_daily');
    const same = live.length === base.length && live.every((r, i) => r === base[i]);
    const differing = live.filter((r, i) => r !== base[i]).slice(0, 3);

    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const a = results.filter((r) => r.which === 'A');
    const b = results.filter((r) => r.which === 'B');
    const rateA = events / mean(a.map((r) => r.seconds));
    const rateBuild = events / mean(a.map((r) => r.build!));
    const rateB = events / mean(b.map((r) => r.seconds));
    table([
      ['subject', 'runs', 'mean s', 'events/s', 'ratio'],
      [
        'A  rebuild (beside + catch-up + swap)',
        String(a.length),
        mean(a.map((r) => r.seconds)).toFixed(2),
        n(rateA),
        `${(rateA / rateB).toFixed(3)}×`,
      ],
      [
        '   … of which catch-up (build)',
        String(a.length),
        mean(a.map((r) => r.build!)).toFixed(2),
        n(rateBuild),
        `${(rateBuild / rateB).toFixed(3)}×`,
      ],
      ['   … of which swap (1 transaction)', String(a.length), mean(a.map((r) => r.swap!)).toFixed(2), '', ''],
      ['B  set-based INSERT … SELECT (baseline)', String(b.length), mean(b.map((r) => r.seconds)).toFixed(2), n(rateB), '1.000×'],
    ]);
    out(
      `  stat_daily after the rebuild = baseline buckets: ${same ? `yes (${n(live.length)} buckets)` : `NO (${live.length} vs ${base.length}; e.g. ${differing.join(' / ')})`}`,
    );
    out(`  goal A/B ≥ 0.3: ${rateA / rateB >= 0.3 ? 'met' : 'MISSED'} (${(rateA / rateB).toFixed(3)})`);
  } finally {
    await target.close();
  }
}

async function main(): Promise<void> {
  out(`bench:projections — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  if (PARTS.includes('lag') || MODES.includes('postgres')) await ensureDatabase(PG_URL);
  if (PARTS.includes('lag')) await lagBench();
  if (PARTS.includes('rebuild')) for (const mode of MODES) await rebuildBench(mode as Dialect);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
