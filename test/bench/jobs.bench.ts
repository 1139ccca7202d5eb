/*
 * Deadline jobs on BullMQ, beside a bare BullMQ queue doing the same, in the same run.
 *
 *   npm run bench:jobs
 *   BENCH_JOBS=2000 BENCH_DELAYED=500 BENCH_SPREAD_MS=3000 BENCH_CONCURRENCY=8 BENCH_ROUNDS=2 npm run bench:jobs
 *   BENCH_MODES=sqlite,postgres  BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/pls_bench  BENCH_REDIS_URL=redis://127.0.0.1:6379
 *
 * Two measurements, each for three subjects on fresh queues:
 *
 * 1. Throughput: J jobs all due now (delay 0), one worker of concurrency C,
 *    jobs completed per second from the worker's start to the last completion.
 * 2. Lateness: D delayed jobs whose due times are spread evenly over the
 *    next S ms (starting 1.5 s out); lateness = the instant the job's work
 *    was done − its due time; p50 and p99.
 *
 * Subjects:
 * - deadline jobs: `DeadlineQueue` + `DeadlineWorker` + `DeadlineFiring` over
 *   the real store: each job re-reads the record's stream, replays the rules,
 *   and appends the consequence through the API's command executor (route,
 *   schema, decider, idempotent append) — J missed calls' callback deadlines
 *   (throughput) and D urgent returned work orders' 1-hour assign deadlines
 *   (lateness; the jobs' clock is the real one shifted so those hours fall
 *   due within the spread);
 * - bare BullMQ: the same job count, ids, options and delays, a processor
 *   that does nothing — the queue's own cost;
 * - bare BullMQ + append: the same, the processor appending one event to a
 *   stream of its own with `store.append` (no read, no rules, no route) —
 *   the least any job that records its outcome must do.
 *
 * Throughput rounds run in ABBA order (deadline, bare, bare+append, then
 * reversed) so the subjects share the machine's noise; the figures are the
 * medians over the rounds.
 */
import { DeadlineFiring, type Clock } from '@pls/jobs';
import { DeadlineQueue, DeadlineWorker } from '@pls/jobs/queue';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { deadlineConsequences } from '../../apps/api/src/jobs/deadline-consequences';
import { startJobsHarness, type JobsHarness, type StoreKind } from '../jobs/support/jobs-harness';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const JOBS = num('BENCH_JOBS', 2000);
const DELAYED = num('BENCH_DELAYED', 500);
const SPREAD_MS = num('BENCH_SPREAD_MS', 3000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 8);
const ROUNDS = Math.max(1, num('BENCH_ROUNDS', 2));
const MODES = (process.env.BENCH_MODES ?? 'sqlite').split(',').map((s) => s.trim()) as StoreKind[];
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/pls_bench';
const LEAD_MS = 1500;

type Subject = 'deadline jobs' | 'bare BullMQ' | 'bare BullMQ + append';
const SUBJECTS: Subject[] = ['deadline jobs', 'bare BullMQ', 'bare BullMQ + append'];

/** The real clock shifted by `offsetMs`: deadlines hours away fall due within seconds. */
class OffsetClock implements Clock {
  constructor(private readonly offsetMs: number) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const connection = () => new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
const queueName = () => `bench-deadlines-${randomBytes(5).toString('hex')}`;
const JOB_OPTIONS = { attempts: 12, backoff: { type: 'exponential', delay: 1000, jitter: 0.2 }, removeOnComplete: { age: 3600, count: 100_000 } };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Resolves when `count` jobs have completed on `worker`; fails on the first job failure. */
function whenDone(worker: Worker | DeadlineWorker['worker'], count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let done = 0;
    worker.on('completed', () => {
      if (++done === count) resolve(performance.now());
    });
    worker.on('failed', (_job, error) => reject(error));
  });
}

interface Rig {
  h: JobsHarness;
  /** Records whose callback deadlines are due (one slice per throughput round). */
  callbackDeadlines: Array<Array<{ deadlineId: string; dueAt: string }>>;
  /** Urgent assign deadlines, due one clock hour after the returns, spread over SPREAD_MS. */
  readonly assignDeadlines: Array<{ deadlineId: string; dueAt: string }>;
}

async function setUp(kind: StoreKind): Promise<Rig> {
  if (kind === 'postgres') {
    const admin = new Client({ connectionString: PG_URL.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    const db = new URL(PG_URL).pathname.slice(1);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${db}"`);
    await admin.end();
  }
  const h = await startJobsHarness(kind, { postgresUrl: PG_URL, now: '2021-03-01T08:00:00+08:00' });
  const unit = await h.orgUnit();
  const callbackDeadlines: Rig['callbackDeadlines'] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const calls: string[] = [];
    for (let i = 0; i < JOBS; i++) calls.push(await h.missedCall(unit, `2021-03-0${(round % 5) + 1}T09:00:00+08:00`));
    callbackDeadlines.push(calls.map(() => ({ deadlineId: '', dueAt: '' })));
    await h.project();
    for (const [i, call] of calls.entries()) callbackDeadlines[round]![i] = (await h.deadlines(call))[0]!;
  }
  // Urgent orders returned SPREAD_MS / DELAYED apart (on the fake clock): their 1-hour assign limits are as far apart.
  const base = Date.parse('2021-03-10T10:00:00+08:00');
  const step = SPREAD_MS / DELAYED;
  const assignDeadlines: Rig['assignDeadlines'] = [];
  for (let i = 0; i < DELAYED; i++) {
    const order = await h.workOrder(unit, '2021-03-10T09:00:00+08:00', true);
    await h.post('work-orders', 'return', order, { reason: 'other', at: new Date(base + i * step).toISOString() }, '2021-03-10T09:30:00+08:00');
  }
  await h.project();
  const rows = await h.db.query(`SELECT deadline_id, due_at FROM deadlines WHERE kind = 'work-order-assign' AND status = 'pending' ORDER BY due_at`);
  for (const r of rows as Array<{ deadline_id: string; due_at: string }>) assignDeadlines.push({ deadlineId: r.deadline_id, dueAt: r.due_at });
  if (assignDeadlines.length !== DELAYED) throw new Error(`expected ${DELAYED} pending assign deadlines, found ${assignDeadlines.length}`);
  return { h, callbackDeadlines, assignDeadlines };
}

/** Throughput of one subject over `deadlines` (all due now). */
async function throughput(rig: Rig, subject: Subject, deadlines: Array<{ deadlineId: string; dueAt: string }>): Promise<number> {
  const redis = connection();
  const name = queueName();
  const clock: Clock = { now: () => new Date('2021-04-01T00:00:00Z') };
  try {
    if (subject === 'deadline jobs') {
      const queue = new DeadlineQueue(redis, { name, clock });
      await queue.schedule(deadlines);
      const firing = new DeadlineFiring(rig.h.store, rig.h.rules, deadlineConsequences(rig.h.executor), clock);
      const started = performance.now();
      const worker = new DeadlineWorker(redis, firing, { name, clock, concurrency: CONCURRENCY, log: () => undefined });
      const finished = await whenDone(worker.worker, deadlines.length);
      await worker.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      return deadlines.length / ((finished - started) / 1000);
    }
    const queue = new Queue(name, { connection: redis });
    await queue.addBulk(deadlines.map((d) => ({ name: 'fire-deadline', data: d, opts: { ...JOB_OPTIONS, jobId: d.deadlineId, delay: 0 } })));
    const started = performance.now();
    const worker = new Worker(
      name,
      async (job: Job) => {
        if (subject === 'bare BullMQ + append') {
          // One stream per job (like one record per deadline): no version contention between concurrent jobs.
          await rig.h.store.append(`benchfired-${job.id}`, [{ id: randomUUID(), type: 'BenchFired', data: { id: job.id }, metadata: {} }], 'any');
        }
        return { ok: true };
      },
      { connection: redis, concurrency: CONCURRENCY },
    );
    const finished = await whenDone(worker, deadlines.length);
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    return deadlines.length / ((finished - started) / 1000);
  } finally {
    redis.disconnect();
  }
}

/** Lateness (ms) of each of D delayed jobs: when its work was done − when it was due. */
async function lateness(rig: Rig, subject: Subject): Promise<number[]> {
  const redis = connection();
  const name = queueName();
  const late: number[] = [];
  // Real time at which the first deadline is due; the fake clock is shifted to match.
  const realFirstDue = Date.now() + LEAD_MS;
  const offset = Date.parse(rig.assignDeadlines[0]!.dueAt) - realFirstDue;
  const realDueOf = (dueAt: string) => Date.parse(dueAt) - offset;
  try {
    if (subject === 'deadline jobs') {
      const clock = new OffsetClock(offset);
      const dueOf = new Map(rig.assignDeadlines.map((d) => [d.deadlineId, d.dueAt]));
      const firing = new DeadlineFiring(rig.h.store, rig.h.rules, deadlineConsequences(rig.h.executor), clock, (id) => {
        late.push(Date.now() - realDueOf(dueOf.get(id)!));
      });
      const queue = new DeadlineQueue(redis, { name, clock });
      const worker = new DeadlineWorker(redis, firing, { name, clock, concurrency: CONCURRENCY, log: () => undefined });
      await worker.waitUntilReady();
      const done = whenDone(worker.worker, rig.assignDeadlines.length);
      await queue.schedule(rig.assignDeadlines);
      await done;
      await worker.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      return late;
    }
    const queue = new Queue(name, { connection: redis });
    const worker = new Worker(
      name,
      async (job: Job<{ realDue: number }>) => {
        if (subject === 'bare BullMQ + append') {
          await rig.h.store.append(`benchfired-${job.id}`, [{ id: randomUUID(), type: 'BenchFired', data: { id: job.id }, metadata: {} }], 'any');
        }
        late.push(Date.now() - job.data.realDue);
      },
      { connection: redis, concurrency: CONCURRENCY },
    );
    await worker.waitUntilReady();
    const done = whenDone(worker, rig.assignDeadlines.length);
    const now = Date.now();
    await queue.addBulk(
      rig.assignDeadlines.map((d) => {
        const realDue = realDueOf(d.dueAt);
        return { name: 'fire-deadline', data: { realDue }, opts: { ...JOB_OPTIONS, jobId: `${d.deadlineId}-bare`, delay: Math.max(0, realDue - now) } };
      }),
    );
    await done;
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    return late;
  } finally {
    redis.disconnect();
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  process.stdout.write(
    `bench:jobs — ${JOBS} jobs × ${ROUNDS} round(s) for throughput, ${DELAYED} delayed jobs over ${SPREAD_MS} ms for lateness, ` +
      `concurrency ${CONCURRENCY}, ${cpus().length} CPU(s), Redis ${REDIS_URL}\n`,
  );
  for (const kind of MODES) {
    process.stdout.write(`\n[${kind}] setting up ${JOBS * ROUNDS} missed calls and ${DELAYED} urgent returned work orders…\n`);
    const rig = await setUp(kind);
    try {
      const rates: Record<Subject, number[]> = { 'deadline jobs': [], 'bare BullMQ': [], 'bare BullMQ + append': [] };
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? SUBJECTS : [...SUBJECTS].reverse();
        for (const subject of order) {
          // The deadline subject needs deadlines still pending: each round has its own slice of records.
          rates[subject].push(await throughput(rig, subject, rig.callbackDeadlines[round]!));
        }
      }
      const lates = {} as Record<Subject, number[]>;
      for (const [i, subject] of SUBJECTS.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 200));
        lates[subject] = await lateness(rig, subject);
      }

      const row = (metric: string, value: (s: Subject) => number, digits: number, unit: string, higherIsBetter: boolean) => {
        const d = value('deadline jobs');
        const b = value('bare BullMQ');
        const a = value('bare BullMQ + append');
        const ratio = (x: number, y: number) => (y === 0 ? 'n/a' : `${fmt(x / y, 2)}×`);
        return [metric + (unit ? ` (${unit})` : ''), fmt(d, digits), fmt(b, digits), ratio(d, b), fmt(a, digits), ratio(d, a), higherIsBetter ? 'higher is better' : 'lower is better'];
      };
      const table = [
        ['metric', 'deadline jobs', 'bare BullMQ', 'ratio', 'bare + append', 'ratio', ''],
        row('throughput, median of rounds', (s) => median(rates[s]), 0, 'jobs/s', true),
        row('lateness p50', (s) => percentile(lates[s], 50), 1, 'ms', false),
        row('lateness p99', (s) => percentile(lates[s], 99), 1, 'ms', false),
        row('lateness max', (s) => Math.max(...lates[s]), 1, 'ms', false),
      ];
      const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
      process.stdout.write(`\n[${kind}] rounds (jobs/s): ${SUBJECTS.map((s) => `${s} ${rates[s].map((r) => fmt(r)).join(' / ')}`).join('; ')}\n`);
      for (const [i, r] of table.entries()) {
        process.stdout.write(`| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |\n`);
        if (i === 0) process.stdout.write(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
      }
    } finally {
      await rig.h.close();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:jobs failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
