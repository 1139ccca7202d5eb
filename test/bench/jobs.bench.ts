/*
 * Deadline jobs on BullMQ, beside a bare BullMQ queue doing the same, in the same run.
 *
 *   npm run bench:jobs
 *   BENCH_JOBS=1000 BENCH_ROUNDS=4 BENCH_DELAYED=500 BENCH_SPREAD_MS=3000 BENCH_CONCURRENCY=32 npm run bench:jobs
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
 * Subjects, all on the same Redis, store, job ids, options, delays and
 * worker concurrency (the deadline worker's default unless BENCH_CONCURRENCY):
 * - deadline jobs: `DeadlineQueue` + `DeadlineWorker` + `DeadlineFiring` over
 *   the real store: each job reads the record's stream, replays the rules,
 *   and appends the consequence through the API's command executor (route,
 *   schema, decider, idempotent append at the version read) — J missed
 *   calls' callback deadlines (throughput) and D urgent returned work
 *   orders' 1-hour assign deadlines (lateness; the jobs' clock is the real
 *   one shifted so those hours fall due within the spread);
 * - bare BullMQ + store: the same queue work with a hand-written processor
 *   doing the store work any job that fires a deadline must do: read the
 *   record's stream, append one event with an id derived from the job id and
 *   an expected version (to a stream of its own, so the records stay as the
 *   deadline subject needs them) — no rules, no route. THE BASELINE OF THE
 *   GOAL: "a bare BullMQ queue doing the same";
 * - bare BullMQ: the same jobs and a processor that does nothing — the
 *   queue's own cost, a ceiling no job that writes to the store reaches.
 *
 * Throughput rounds run in ABBA order (deadline, bare + store, bare, then
 * reversed) so the subjects share the machine's noise; the figures are the
 * medians over the rounds.
 */
import { DeadlineFiring, type Clock } from '@pls/jobs';
import { DEADLINE_WORKER_CONCURRENCY, DeadlineQueue, DeadlineWorker } from '@pls/jobs/queue';
import { deterministicId } from '@pls/event-sourcing';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { deadlineConsequences } from '../../apps/api/src/jobs/deadline-consequences';
import { startJobsHarness, type JobsHarness, type StoreKind } from '../jobs/support/jobs-harness';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const JOBS = num('BENCH_JOBS', 1000);
const DELAYED = num('BENCH_DELAYED', 500);
const SPREAD_MS = num('BENCH_SPREAD_MS', 3000);
const CONCURRENCY = num('BENCH_CONCURRENCY', DEADLINE_WORKER_CONCURRENCY);
const ROUNDS = Math.max(1, num('BENCH_ROUNDS', 4));
const MODES = (process.env.BENCH_MODES ?? 'sqlite').split(',').map((s) => s.trim()) as StoreKind[];
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/pls_bench';
const LEAD_MS = 1500;

type Subject = 'deadline jobs' | 'bare BullMQ + store' | 'bare BullMQ';
const SUBJECTS: Subject[] = ['deadline jobs', 'bare BullMQ + store', 'bare BullMQ'];

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
  /** The record stream of each deadline (what the bare + store processor reads). */
  readonly streamOf: Map<string, string>;
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
  const streamOf = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round++) {
    const calls: string[] = [];
    for (let i = 0; i < JOBS; i++) calls.push(await h.missedCall(unit, `2021-03-0${(round % 5) + 1}T09:00:00+08:00`));
    callbackDeadlines.push(calls.map(() => ({ deadlineId: '', dueAt: '' })));
    await h.project();
    for (const [i, call] of calls.entries()) {
      callbackDeadlines[round]![i] = (await h.deadlines(call))[0]!;
      streamOf.set(callbackDeadlines[round]![i]!.deadlineId, `hotlinecall-${call}`);
    }
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
  const rows = await h.db.query(
    `SELECT deadline_id, due_at, record_id FROM deadlines WHERE kind = 'work-order-assign' AND status = 'pending' ORDER BY due_at`,
  );
  for (const r of rows as Array<{ deadline_id: string; due_at: string; record_id: string }>) {
    assignDeadlines.push({ deadlineId: r.deadline_id, dueAt: r.due_at });
    streamOf.set(`${r.deadline_id}-bare`, `workorder-${r.record_id}`);
  }
  if (assignDeadlines.length !== DELAYED) throw new Error(`expected ${DELAYED} pending assign deadlines, found ${assignDeadlines.length}`);
  return { h, callbackDeadlines, assignDeadlines, streamOf };
}

/**
 * The store work of firing one deadline, by hand: read the record's stream,
 * append one event whose id derives from the job id, with an expected version
 * (to a stream of the job's own: the records must stay as the deadline
 * subject finds them, and concurrent jobs do not contend).
 */
async function storeWork(rig: Rig, jobId: string): Promise<void> {
  const record = rig.streamOf.get(jobId);
  if (!record) throw new Error(`no record stream for job ${jobId}`);
  const events = await rig.h.store.readStream(record);
  const event = { id: deterministicId('bench-fired', jobId), type: 'BenchFired', data: { jobId, seen: events.length }, metadata: {} };
  await rig.h.store.append(`benchfired-${jobId}`, [event], 0);
}

interface Rate {
  readonly perSecond: number;
  /** CPU time of this process (worker, BullMQ client, SQLite) per job: steadier than wall time on a loaded machine. */
  readonly cpuMsPerJob: number;
}
function rate(jobs: number, elapsedMs: number, cpu: NodeJS.CpuUsage): Rate {
  return { perSecond: jobs / (elapsedMs / 1000), cpuMsPerJob: (cpu.user + cpu.system) / 1000 / jobs };
}

/** Throughput of one subject over `deadlines` (all due now). */
async function throughput(rig: Rig, subject: Subject, deadlines: Array<{ deadlineId: string; dueAt: string }>): Promise<Rate> {
  const redis = connection();
  const name = queueName();
  const clock: Clock = { now: () => new Date('2021-04-01T00:00:00Z') };
  try {
    if (subject === 'deadline jobs') {
      const queue = new DeadlineQueue(redis, { name, clock });
      await queue.schedule(deadlines);
      const firing = new DeadlineFiring(rig.h.store, rig.h.rules, deadlineConsequences(rig.h.executor), clock);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const worker = new DeadlineWorker(redis, firing, { name, clock, concurrency: CONCURRENCY, log: () => undefined });
      const finished = await whenDone(worker.worker, deadlines.length);
      const used = process.cpuUsage(cpu);
      await worker.close();
      await queue.queue.obliterate({ force: true });
      await queue.close();
      return rate(deadlines.length, finished - started, used);
    }
    const queue = new Queue(name, { connection: redis });
    await queue.addBulk(deadlines.map((d) => ({ name: 'fire-deadline', data: d, opts: { ...JOB_OPTIONS, jobId: d.deadlineId, delay: 0 } })));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const worker = new Worker(
      name,
      async (job: Job) => {
        if (subject === 'bare BullMQ + store') await storeWork(rig, job.id!);
        return { ok: true };
      },
      { connection: redis, concurrency: CONCURRENCY },
    );
    const finished = await whenDone(worker, deadlines.length);
    const used = process.cpuUsage(cpu);
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    return rate(deadlines.length, finished - started, used);
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
        if (subject === 'bare BullMQ + store') await storeWork(rig, job.id!);
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
      const rates: Record<Subject, number[]> = { 'deadline jobs': [], 'bare BullMQ + store': [], 'bare BullMQ': [] };
      const cpuPerJob: Record<Subject, number[]> = { 'deadline jobs': [], 'bare BullMQ + store': [], 'bare BullMQ': [] };
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? SUBJECTS : [...SUBJECTS].reverse();
        for (const subject of order) {
          // The deadline subject needs deadlines still pending: each round has its own slice of records.
          const measured = await throughput(rig, subject, rig.callbackDeadlines[round]!);
          rates[subject].push(measured.perSecond);
          cpuPerJob[subject].push(measured.cpuMsPerJob);
        }
      }
      const lates = {} as Record<Subject, number[]>;
      for (const [i, subject] of SUBJECTS.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 200));
        lates[subject] = await lateness(rig, subject);
      }

      const row = (metric: string, value: (s: Subject) => number, digits: number, unit: string, higherIsBetter: boolean) => {
        const d = value('deadline jobs');
        const a = value('bare BullMQ + store');
        const b = value('bare BullMQ');
        const ratio = (x: number, y: number) => (y === 0 ? 'n/a' : `${fmt(x / y, 2)}×`);
        return [metric + (unit ? ` (${unit})` : ''), fmt(d, digits), fmt(a, digits), ratio(d, a), fmt(b, digits), ratio(d, b), higherIsBetter ? 'higher is better' : 'lower is better'];
      };
      const table = [
        ['metric', 'deadline jobs', 'bare + store', 'ratio (goal)', 'bare, no-op', 'ratio', ''],
        row('throughput, median of rounds', (s) => median(rates[s]), 0, 'jobs/s', true),
        row('Node CPU per job, median of rounds', (s) => median(cpuPerJob[s]), 2, 'ms', false),
        row('lateness p50', (s) => percentile(lates[s], 50), 1, 'ms', false),
        row('lateness p99', (s) => percentile(lates[s], 99), 1, 'ms', false),
        row('lateness max', (s) => Math.max(...lates[s]), 1, 'ms', false),
      ];
      const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
      process.stdout.write(`\n[${kind}] rounds (jobs/s): ${SUBJECTS.map((s) => `${s} ${rates[s].map((r) => fmt(r)).join(' / ')}`).join('; ')}\n`);
      // Within a round the subjects ran back to back, under the same load: their ratio is steadier than the medians'.
      const perRound = (baseline: Subject) => rates['deadline jobs'].map((d, i) => d / rates[baseline][i]!);
      for (const baseline of ['bare BullMQ + store', 'bare BullMQ'] as const) {
        const ratios = perRound(baseline);
        process.stdout.write(
          `[${kind}] deadline jobs ÷ ${baseline}, per round: ${ratios.map((r) => `${fmt(r, 2)}×`).join(' / ')} ` +
            `(median ${fmt(median(ratios), 2)}×, range ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}×)\n`,
        );
      }
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
