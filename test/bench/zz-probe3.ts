import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@pls/event-store/postgres/postgres-event-store';
const url = 'postgres://postgres@127.0.0.1:5432/pls_bench';
(async () => {
  const schema = 'probe_' + randomUUID().slice(0, 8);
  const store = await PostgresEventStore.open({ connectionString: url, schema });
  let v = 0;
  const cu = process.cpuUsage();
  for (let i = 0; i < 5000; i++) v = (await store.append('probe-1', [{ id: randomUUID(), type: 'T', data: { a: 1 } }], v)).version;
  const c = process.cpuUsage(cu);
  console.log('cpu us/append', (c.user + c.system) / 5000, 'user', c.user / 5000, 'sys', c.system / 5000);
  await store.close();
  const cl = new Client({ connectionString: url }); await cl.connect(); await cl.query(`DROP SCHEMA ${schema} CASCADE`); await cl.end();
})();
