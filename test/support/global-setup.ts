/* Probes the servers the integration tests use, once per run. Workers inherit
 * the variables set here. Outside CI a missing server skips its tests with a
 * printed reason; with CI=true it fails the run. */
import { Client } from 'pg';
import { createConnection } from 'node:net';

const PG_ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_TEST_DB = process.env.TEST_POSTGRES_DB ?? 'pls_test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function probePostgres(): Promise<string> {
  const admin = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_TEST_DB]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${PG_TEST_DB.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${PG_TEST_DB}`;
  return url.toString();
}

function probeRedis(): Promise<string> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${hostname}:${port} within 3 s`));
    }, 3000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      clearTimeout(timer);
      socket.end();
      if (data.toString().startsWith('+PONG')) resolve(REDIS_URL);
      else reject(new Error(`unexpected answer to PING: ${data.toString().trim()}`));
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const ci = process.env.CI === 'true';
  const missing: string[] = [];
  const probes: Array<[string, () => Promise<string>, string, string]> = [
    ['PostgreSQL', probePostgres, 'PLS_TEST_PG_URL', 'PLS_TEST_PG_SKIP'],
    ['Redis', probeRedis, 'PLS_TEST_REDIS_URL', 'PLS_TEST_REDIS_SKIP'],
  ];
  for (const [name, probe, urlVar, skipVar] of probes) {
    try {
      process.env[urlVar] = await probe();
    } catch (error) {
      const reason = `${name} is not reachable (${(error as Error).message})`;
      process.env[skipVar] = reason;
      missing.push(reason);
    }
  }
  if (missing.length > 0 && ci) {
    throw new Error(`CI=true requires every service: ${missing.join('; ')}`);
  }
  for (const reason of missing) process.stdout.write(`\n[skip] ${reason}: its tests are skipped (set CI=true to make this an error)\n`);
  if (process.env.KURRENTDB_URL === undefined) {
    process.stdout.write('\n[skip] KURRENTDB_URL is not set: the KurrentDB adapter contract suite is skipped\n');
  }
}
