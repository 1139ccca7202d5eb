/* Test support for the rebuild specs: a store and a live read model with every
 * migration (SQLite: the log's file and the read models' file beside it, as in
 * embedded mode; PostgreSQL: a schema of their own), reference read models built incrementally from the
 * same log, realistic histories (the statistics property test's generator:
 * org tree with moves, every record type) and row snapshots to compare. */
import type { EventStore, NewEvent } from '@pls/event-store';
import { openEventStore } from '@pls/event-store/open-event-store';
import { Checkpoints, openReadModel, ProjectionRunner, type Projection } from '@pls/read-model';
import { READ_MODEL_MIGRATIONS } from '@pls/runtime';
import { buildHistory, historyArb, type Planned } from '@test/statistics/support/history';
import { postgresUrl } from '@test/support/services';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

export type Kind = 'sqlite' | 'postgres';

export interface Rig {
  readonly kind: Kind;
  /** EVENT_STORE_URL of this rig. */
  readonly url: string;
  /** DATABASE_URL of this rig. */
  readonly databaseUrl: string;
  /** PostgreSQL: the schema of store and live read model. */
  readonly schema?: string;
  readonly store: EventStore;
  /** The live read model. */
  readonly db: DataSource;
  /** A fresh, migrated read model (another file or schema) over the same log. */
  openReference(): Promise<DataSource>;
  /** Temporary rebuild files (SQLite) or schemas (PostgreSQL) still around. */
  leftovers(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openRig(kind: Kind): Promise<Rig> {
  const extra: DataSource[] = [];
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pls-rebuild-'));
    const url = `sqlite:${dir}/pls.db`;
    const databaseUrl = `sqlite:${dir}/pls.read.db`;
    const store = await openEventStore(`${url}?synchronous=normal`);
    const db = await openReadModel({ url: databaseUrl, kind, migrations: READ_MODEL_MIGRATIONS });
    let n = 0;
    return {
      kind,
      url,
      databaseUrl,
      store,
      db,
      async openReference() {
        const ref = await openReadModel({ url: `sqlite:${dir}/reference-${n++}.db`, kind, migrations: READ_MODEL_MIGRATIONS });
        extra.push(ref);
        return ref;
      },
      async leftovers() {
        return readdirSync(dir).filter((f) => f.includes('.rebuild-'));
      },
      async close() {
        for (const ds of [...extra, db]) if (ds.isInitialized) await ds.destroy();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!postgresUrl) throw new Error('PostgreSQL is not available');
  const base = `rb_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = `${postgresUrl}?schema=${base}`;
  const store = await openEventStore(url);
  const db = await openReadModel({ url, kind, migrations: READ_MODEL_MIGRATIONS, poolSize: 6 });
  const schemas = [base];
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    kind,
    url,
    databaseUrl: url,
    schema: base,
    store,
    db,
    async openReference() {
      const schema = `${base}_ref${schemas.length}`;
      schemas.push(schema);
      const ref = await openReadModel({ url: postgresUrl!, kind, schema, migrations: READ_MODEL_MIGRATIONS, poolSize: 3 });
      extra.push(ref);
      return ref;
    },
    async leftovers() {
      // Rebuild schemas are named after the projection, not the rig: only count those created since this rig opened.
      return admin(async (c) =>
        (await c.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'`)).rows.map((r) => r.nspname as string),
      );
    },
    async close() {
      for (const ds of [...extra, db]) if (ds.isInitialized) await ds.destroy();
      await store.close();
      await admin(async (c) => {
        for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      });
    },
  };
}

/**
 * A realistic log: the org tree (with the first plan's moves), then `plans`
 * random histories of every record type, interleaved within each plan.
 */
export function history(plans: number, seed: number): Planned[] {
  const samples = fc.sample(historyArb, { numRuns: plans, seed });
  const first = buildHistory(samples[0]!);
  const org = first.filter((p) => p.event.type.startsWith('OrgUnit'));
  const records = samples.flatMap((plan) =>
    buildHistory({ ...plan, moves: { village: null, back: null, township: null } }).filter((p) => !p.event.type.startsWith('OrgUnit')),
  );
  // The moves of the first plan land in the middle of the records.
  const registrations = org.filter((p) => p.event.type === 'OrgUnitRegistered');
  const moves = org.filter((p) => p.event.type !== 'OrgUnitRegistered');
  const middle = Math.floor(records.length / 2);
  return [...registrations, ...records.slice(0, middle), ...moves, ...records.slice(middle)];
}

export const toNew = (p: Planned): NewEvent => ({ id: randomUUID(), type: p.event.type, data: p.event.data });

/** One append per event, as the API's commands do. */
export async function appendAll(store: EventStore, planned: readonly Planned[]): Promise<number> {
  let position = 0;
  for (const p of planned) position = (await store.append(p.stream, [toNew(p)], 'any')).position;
  return position;
}

/** Catches `projection` up on `db`, `batchSize` events per transaction (as a live runner does, batch by batch). */
export async function buildIncrementally(store: EventStore, db: DataSource, projection: Projection, batchSize: number): Promise<number> {
  await new Checkpoints(db).read(projection.name);
  return new ProjectionRunner(store, db, projection, { batchSize }).catchUp();
}

/** Every row of every table of the projection, as sorted JSON lines (driver number/string differences folded). */
export async function snapshot(db: DataSource, projection: Projection): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of projection.tables) {
    const rows = (await db.query(`SELECT * FROM "${table}"`)) as Array<Record<string, unknown>>;
    out[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((k) => [k, row[k] === null || row[k] === undefined ? null : String(row[k])]),
        ),
      )
      .sort();
  }
  return out;
}

export async function checkpointOf(db: DataSource, name: string): Promise<number> {
  const rows = (await db.query(`SELECT position FROM projection_checkpoints WHERE name = '${name}'`)) as Array<{ position: unknown }>;
  return Number(rows[0]?.position ?? 0);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
  state?: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${state ? ` (${await state()})` : ''}`);
    await sleep(25);
  }
}
