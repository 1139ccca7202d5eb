import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@pls/event-store/postgres/postgres-event-store';
const url = 'postgres://postgres@127.0.0.1:5432/pls_bench';
async function adapterRun(store: PostgresEventStore, n: number) {
  let v = (await store.readStream('probe-1')).length;
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) v = (await store.append('probe-1', [{ id: randomUUID(), type: 'T', data: { a: 1 } }], v)).version;
  return (n * 1e9) / Number(process.hrtime.bigint() - t);
}
async function rawRun(c: Client, n: number, state: { v: number }) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    await c.query('BEGIN');
    await c.query({ name: 'cur', text: 'SELECT coalesce(max(version), 0) AS v FROM rawp.events WHERE stream = $1', values: ['s-1'] });
    await c.query({ name: 'ins', text: 'INSERT INTO rawp.events (id, stream, version, type, data, metadata) SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[])', values: [[randomUUID()], ['s-1'], [++state.v], ['T'], ['{"a":1}'], ['{}']] });
    await c.query('COMMIT');
  }
  return (n * 1e9) / Number(process.hrtime.bigint() - t);
}
async function rawSqlRun(c: Client, n: number, sql: string[]) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) for (const q of sql) await c.query(q);
  return (n * 1e9) / Number(process.hrtime.bigint() - t);
}
(async () => {
  const schema = 'probe_' + randomUUID().slice(0, 8);
  const store = await PostgresEventStore.open({ connectionString: url, schema, writeConcurrency: Number(process.env.K ?? 2) });
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE SCHEMA IF NOT EXISTS rawp; CREATE TABLE IF NOT EXISTS rawp.events (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL UNIQUE, stream text NOT NULL, version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream, version))`);
  await c.query(`CREATE TABLE IF NOT EXISTS rawp.h (x bigint); INSERT INTO rawp.h VALUES (0)`);
  const state = { v: 0 };
  for (let r = 0; r < 3; r++) {
    let cu = process.cpuUsage();
    const a = await adapterRun(store, 1500);
    const ca = process.cpuUsage(cu); cu = process.cpuUsage();
    const b = await rawRun(c, 1500, state);
    const cb = process.cpuUsage(cu);
    console.log('node cpu us/append adapter', ((ca.user + ca.system) / 1500).toFixed(0), 'raw', ((cb.user + cb.system) / 1500).toFixed(0));
    const n1 = await rawSqlRun(c, 1500, ['BEGIN', `UPDATE rawp.h SET x = x + 1`, 'COMMIT']);
    const n2 = await rawSqlRun(c, 1500, ['BEGIN', `UPDATE rawp.h SET x = x + 1`, `SELECT pg_notify('zz', 'a')`, 'COMMIT']);
    console.log(`adapter ${a.toFixed(0)}/s raw ${b.toFixed(0)}/s   update-only txn ${n1.toFixed(0)}/s  update+notify txn ${n2.toFixed(0)}/s`);
  }
  await store.close();
  await c.query(`DROP SCHEMA rawp CASCADE; DROP SCHEMA ${schema} CASCADE`);
  await c.end();
})();
