/* A deadlines rig without Nest: a real event store and read model (a temp
 * SQLite file or a PostgreSQL schema of its own), the API's command executor
 * over every context's routes, the `deadlines` projection runner, and the
 * firing handler on a manual clock. Specs drive time by setting the clock,
 * never by waiting for it. */
import type { EventStore, RecordedEvent } from '@pls/event-store';
import { openEventStore } from '@pls/event-store/open-event-store';
import {
  DeadlineFiring,
  DeadlineRules,
  deadlineSettings,
  deadlinesProjection,
  deadlinesQuery,
  JOBS_MIGRATIONS,
  loadCalendar,
  ManualClock,
  type Deadline,
  type DeadlineSettings,
} from '@pls/jobs';
import { Checkpoints, openReadModel, ProjectionRunner } from '@pls/read-model';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { deadlineConsequences } from '../../../apps/api/src/jobs/deadline-consequences';
import { RECORD_VIEWS, COMMAND_ROUTES } from '../../../apps/api/src/records/catalogue';
import { CommandExecutor } from '../../../apps/api/src/records/command-executor';
import { RecordReader } from '../../../apps/api/src/records/record-reader';
import { RouteRegistry } from '../../../apps/api/src/records/route-registry';

export type StoreKind = 'sqlite' | 'postgres';

/** The test database the global setup found (read here rather than from services.ts, so the benchmark can use this rig outside Jest). */
const postgresUrl = (): string | undefined => process.env.PLS_TEST_PG_URL;

export interface HarnessOptions {
  readonly settings?: Partial<DeadlineSettings>;
  /** Runs after each consequence was appended, before the job completes (crash simulations). */
  readonly afterAppend?: (deadlineId: string) => Promise<void> | void;
  /** Where the clock starts. */
  readonly now?: string;
  /** PostgreSQL server (default: the test database the global setup found). */
  readonly postgresUrl?: string;
}

export interface JobsHarness {
  readonly kind: StoreKind;
  /** `EVENT_STORE_URL` of the store (a child process may open it too). */
  readonly url: string;
  readonly store: EventStore;
  readonly db: DataSource;
  readonly clock: ManualClock;
  readonly rules: DeadlineRules;
  readonly executor: CommandExecutor;
  readonly runner: ProjectionRunner;
  readonly firing: DeadlineFiring;
  /** A command as the API runs it, issued at the clock's now (or `at`, which also moves the clock). */
  post(collection: string, action: string | null, id: string | undefined, body: Record<string, unknown>, at?: string): Promise<{ id: string; extra: Record<string, unknown> }>;
  /** Applies the log to the deadlines table. */
  project(): Promise<void>;
  deadlines(recordId: string): Promise<Deadline[]>;
  deadline(deadlineId: string): Promise<Deadline>;
  events(stream: string): Promise<RecordedEvent[]>;
  /** How many events of `type` the stream holds. */
  count(stream: string, type: string): Promise<number>;
  close(): Promise<void>;
  // Records
  orgUnit(): Promise<string>;
  missedCall(unit: string, offeredAt: string, outcome?: 'missed' | 'voicemail'): Promise<string>;
  /** An answered call handed over at `createdAt`: the work order is created and assigned at once. */
  workOrder(unit: string, createdAt: string, urgent?: boolean): Promise<string>;
  /** A mediation registered and accepted on `acceptedOn`, due on `dueOn`. */
  mediation(unit: string, acceptedOn: string, dueOn: string): Promise<string>;
}

export async function startJobsHarness(kind: StoreKind, options: HarnessOptions = {}): Promise<JobsHarness> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pls-jobs-'));
    url = `sqlite:${dir}/pls.db`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const pg = options.postgresUrl ?? postgresUrl();
    if (!pg) throw new Error('PostgreSQL is not available');
    const schema = `j_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    url = `${pg}?schema=${schema}`;
    cleanup = async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: pg });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  }
  const store = await openEventStore(url);
  const db = await openReadModel({ url, kind, migrations: JOBS_MIGRATIONS });
  const clock = new ManualClock(options.now ?? '2021-01-04T09:00:00+08:00');
  const rules = new DeadlineRules(loadCalendar(), deadlineSettings(options.settings));
  const registry = new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS);
  const reader = new RecordReader(store, registry);
  // Persons live in the vault; these specs are about time, so every person reference is taken as registered.
  const executor = new CommandExecutor(store, registry, reader, { existing: async (ids) => new Set(ids) });
  const runner = new ProjectionRunner(store, db, deadlinesProjection(rules));
  // `catchUp` without `start` (no live subscription racing the spec): the checkpoint row must exist first.
  await new Checkpoints(db).read(runner.projection.name);
  const firing = new DeadlineFiring(store, rules, deadlineConsequences(executor), clock, options.afterAppend);

  const post: JobsHarness['post'] = async (collection, action, id, body, at) => {
    if (at) clock.set(at);
    const answer = await executor.execute({
      collection,
      action,
      id,
      body,
      commandId: randomUUID(),
      actorId: null,
      now: clock.now().toISOString(),
    });
    return { id: answer.id, extra: answer.extra };
  };

  return {
    kind,
    url,
    store,
    db,
    clock,
    rules,
    executor,
    runner,
    firing,
    post,
    async project() {
      await runner.catchUp();
    },
    deadlines: (recordId) => deadlinesQuery.ofRecords(db, [recordId]).then((rows) => rows.sort((a, b) => a.createdPosition - b.createdPosition)),
    async deadline(deadlineId) {
      const row = await deadlinesQuery.byId(db, deadlineId);
      if (!row) throw new Error(`no deadline ${deadlineId}`);
      return row;
    },
    events: (stream) => store.readStream(stream),
    count: async (stream, type) => (await store.readStream(stream)).filter((e) => e.type === type).length,
    async close() {
      await runner.stop();
      await store.close().catch(() => undefined);
      await db.destroy().catch(() => undefined);
      await cleanup();
    },
    async orgUnit() {
      return (await post('org-units', null, undefined, { name: `云川市公共法律服务中心 ${randomUUID().slice(0, 6)}`, level: 'city', parentId: null })).id;
    },
    async missedCall(unit, offeredAt, outcome = 'missed') {
      const ended = new Date(Date.parse(offeredAt) + 30_000).toISOString();
      return (await post('hotline-calls', null, undefined, { orgUnitId: unit, offeredAt, endedAt: ended, outcome, class: 'consultation' }, offeredAt)).id;
    },
    async workOrder(unit, createdAt, urgent = false) {
      const answered = new Date(Date.parse(createdAt) - 300_000).toISOString();
      const call = await post(
        'hotline-calls',
        null,
        undefined,
        { orgUnitId: unit, offeredAt: answered, answeredAt: answered, endedAt: createdAt, outcome: 'answered', class: 'complaint', category: '10' },
        createdAt,
      );
      const handOver = await post('hotline-calls', 'work-order', call.id, { assignToOrgUnitId: unit, urgent }, createdAt);
      return handOver.extra['workOrderId'] as string;
    },
    async mediation(unit, acceptedOn, dueOn) {
      const at = `${acceptedOn}T09:00:00+08:00`;
      const parties = [
        { personId: randomUUID(), role: 'applicant' },
        { personId: randomUUID(), role: 'respondent' },
      ];
      const { id } = await post(
        'mediations',
        null,
        undefined,
        { orgUnitId: unit, kind: 'people', source: 'application', category: '02', parties, registeredOn: acceptedOn },
        at,
      );
      await post('mediations', 'accept', id, { acceptedOn, mediatorIds: [randomUUID()], dueOn }, at);
      return id;
    },
  };
}
