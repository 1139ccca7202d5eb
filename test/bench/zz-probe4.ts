import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@pls/event-store/postgres/postgres-event-store';
const url = 'postgres://postgres@127.0.0.1:5432/pls_bench';
(async () => {
  const schema = 'probe_' + randomUUID().slice(0, 8);
  const store = await PostgresEventStore.open({ connectionString: url, schema });
  await store.append('probe-1', [{ id: randomUUID(), type: 'T', data: { a: 1 } }], 0);
  await store.close();
  const s = `"${schema}"`;
  const c = new Client({ connectionString: url });
  await c.connect();
  if (process.env.GENERIC !== '0') await c.query('SET plan_cache_mode = force_generic_plan');
  await c.query(`CREATE SCHEMA IF NOT EXISTS rawp; CREATE TABLE IF NOT EXISTS rawp.events (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id uuid NOT NULL UNIQUE, stream text NOT NULL, version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream, version))`);
  const lf = { name: 'lf', text: `WITH locked AS (SELECT stream, version FROM ${s}.es_streams WHERE stream = ANY($1::text[]) ORDER BY stream FOR UPDATE) SELECT stream, version, NULL::uuid AS id, NULL::text AS position FROM locked UNION ALL SELECT stream, version, id, position::text FROM ${s}.es_events WHERE id = ANY($2::uuid[])` };
  const notify = process.env.NOTIFY !== '0';
  const w = { name: 'w', text: `WITH head AS (UPDATE ${s}.es_head SET position = position + $1 RETURNING position), inserted AS (INSERT INTO ${s}.es_events (position, id, stream, version, type, data, metadata) SELECT head.position - $1 + e.ord, e.id, e.stream, e.version, e.type, e.data, e.metadata FROM head, unnest($2::uuid[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[]) WITH ORDINALITY AS e(id, stream, version, type, data, metadata, ord)), streams AS (UPDATE ${s}.es_streams AS st SET version = v.version FROM unnest($8::text[], $9::int[]) AS v(stream, version) WHERE st.stream = v.stream) SELECT head.position::text AS position ${notify ? ", pg_notify('pls_events', $10::text || head.position)" : ', $10::text'} FROM head` };
  let va = 1, vr = 0;
  const N = 1500;
  for (let r = 0; r < 4; r++) {
    let t = process.hrtime.bigint();
    const ph = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) {
      let t0 = process.hrtime.bigint();
      const lap = (k: number) => { const t1 = process.hrtime.bigint(); ph[k]! += Number(t1 - t0) / 1e3; t0 = t1; };
      await c.query('BEGIN'); lap(0);
      await c.query({ ...lf, values: [['probe-1'], [randomUUID()]] }); lap(1);
      va++;
      await c.query({ ...w, values: [1, [randomUUID()], ['probe-1'], [va], ['T'], ['{"a":1}'], ['{}'], ['probe-1'], [va], 'x:'] }); lap(2);
      await c.query('COMMIT'); lap(3);
    }
    console.log('adapter phases us', ph.map((x) => (x / N).toFixed(0)).join(' '));
    const a = (N * 1e9) / Number(process.hrtime.bigint() - t);
    t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      await c.query('BEGIN');
      await c.query({ name: 'cur', text: 'SELECT coalesce(max(version), 0) AS v FROM rawp.events WHERE stream = $1', values: ['s-1'] });
      await c.query({ name: 'ins', text: 'INSERT INTO rawp.events (id, stream, version, type, data, metadata) SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[])', values: [[randomUUID()], ['s-1'], [++vr], ['T'], ['{"a":1}'], ['{}']] });
      await c.query('COMMIT');
    }
    const b = (N * 1e9) / Number(process.hrtime.bigint() - t);
    console.log(`adapter-sql ${a.toFixed(0)}/s  raw-sql ${b.toFixed(0)}/s  ratio ${(a / b).toFixed(2)}`);
  }
  const st = await c.query(`SELECT relname, n_tup_upd, n_tup_hot_upd, n_dead_tup, pg_relation_size(relid) AS size FROM pg_stat_user_tables WHERE schemaname = $1`, [schema]);
  console.log(st.rows);
  const ix = await c.query(`SELECT indexrelname, pg_relation_size(indexrelid) AS size FROM pg_stat_user_indexes WHERE schemaname = $1`, [schema]);
  console.log(ix.rows);
  await c.query(`DROP SCHEMA rawp CASCADE; DROP SCHEMA ${s} CASCADE`);
  await c.end();
})();
