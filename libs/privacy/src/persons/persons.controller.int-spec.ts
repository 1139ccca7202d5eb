import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { badChecksumId, ZHANG_SAN } from '../testing/fixtures';

/*
 * Over HTTP, against PrivacyModule on a real Fastify server in a child process
 * (see testing/persons-http.server.ts for why not in Jest's own process).
 */
const ROOT = resolve(__dirname, '../../../..');

describe('PersonsController over HTTP (/api/v1/persons)', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  const masterKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pls-persons-http-'));
    server = spawn(
      process.execPath,
      ['-r', 'tsconfig-paths/register', '-r', '@swc-node/register', join(__dirname, '../testing/persons-http.server.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          SWC_NODE_PROJECT: join(__dirname, '../testing/swc-node.tsconfig.json'),
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          PRIVACY_TEST_DB: join(dir, 'read.db'),
          PLS_VAULT_MASTER_KEY: `http1:${masterKey}`,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    base = await new Promise<string>((ok, fail) => {
      let out = '';
      let err = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\d+)/.exec(out);
        if (m) ok(`http://127.0.0.1:${m[1]}/api/v1/persons`);
      });
      server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      server.once('exit', (code) => fail(new Error(`persons-http.server exited (${code}): ${err}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((ok) => server.once('exit', ok));
      server.stdin!.end();
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: unknown) =>
    fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('registers a person: 201, { id }, Location', async () => {
    const res = await post(ZHANG_SAN);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string };
    expect(Object.keys(body)).toEqual(['id']);
    expect(res.headers.get('location')).toBe(`/api/v1/persons/${body.id}`);
  });

  it('shows the person masked, never in clear', async () => {
    const { id } = (await (await post(ZHANG_SAN)).json()) as { id: string };
    const res = await fetch(`${base}/${id}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ id, name: '张*', phone: '138****1234', idNumber: '1101**********1239' });
    expect(text).not.toContain(ZHANG_SAN.phone);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a repeat with a client id the same, and refuses other data under it (409)', async () => {
    const id = randomUUID();
    const first = await post({ id, ...ZHANG_SAN });
    const again = await post({ id, ...ZHANG_SAN });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await again.json()).toEqual({ id });
    expect(again.headers.get('location')).toBe(`/api/v1/persons/${id}`);
    const other = await post({ id, name: '李四' });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ code: 'PERSON.ALREADY_EXISTS', status: 409 });
  });

  it('refuses unknown fields and invalid values in one 422 naming them, without echoing them', async () => {
    const res = await post({ name: '张三', phone: '12345', idNumber: badChecksumId('11010519900307123'), address: '北京市' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    const problem = JSON.parse(text) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('VALIDATION.FAILED');
    expect(problem.errors.map((e) => e.field)).toEqual(['address', 'phone', 'idNumber']);
    expect(text).not.toContain('北京市');
    expect(text).not.toContain('12345');
  });

  it('404s an unknown or malformed id', async () => {
    const unknown = await fetch(`${base}/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'PERSON.NOT_FOUND' });
    expect((await fetch(`${base}/not-a-uuid`)).status).toBe(404);
  });

  it('keeps what came over HTTP out of the database files, under the configured master key', async () => {
    await post({ name: '钱多多', phone: '13987654321' });
    const bytes = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
    for (const clear of ['钱多多', '13987654321', ZHANG_SAN.name, ZHANG_SAN.idNumber]) {
      expect(bytes.includes(Buffer.from(clear, 'utf8'))).toBe(false);
    }
    expect(bytes.includes(Buffer.from('http1', 'utf8'))).toBe(true);
  });
});
