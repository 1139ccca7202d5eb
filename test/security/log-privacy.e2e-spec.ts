/* "No clear value readable anywhere — read models, API, logs": the API with
 * every log level on, through registration, a refused registration, a clear
 * read, an export, an erasure and a request that fails inside — nothing it
 * writes to stdout or stderr holds the person's name, phone or ID number. */
import type { Principal } from '@pls/identity';
import { residentId } from '@pls/privacy/testing/fixtures';
import { create, act, createNetwork, uuid, type Network } from '@test/e2e/fixtures';
import { startTestApi, type TestApi } from '@test/support/api-harness';

const PERSON = { name: '欧阳锋', phone: '13566667777', idNumber: residentId('44030619750101003') };

describe('the logs hold no personal data', () => {
  let api: TestApi;
  let net: Network;
  const written: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      spies.push(
        jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
          written.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
          return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
        }) as typeof stream.write),
      );
    }
    api = await startTestApi('sqlite', { PLS_RETENTION_YEARS: '0' }, { logger: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] });
    net = await createNetwork(api);
  });

  afterAll(async () => {
    await api?.close();
    for (const spy of spies) spy.mockRestore();
  });

  it('through registration, refusals, clear reads, export, erasure and an internal failure', async () => {
    const worker: Principal = { id: uuid(), username: 'w', role: 'worker', orgUnitId: net.villageId, sessionId: uuid() };
    const supervisor: Principal = { id: uuid(), username: 's', role: 'supervisor', orgUnitId: net.cityId, sessionId: uuid() };
    const as = (p: Principal) => ({ authorization: `Bearer ${api.tokenFor(p)}` });

    // Refused registrations carry the values in their bodies.
    expect((await api.post('/api/v1/persons', { ...PERSON, phone: `${PERSON.phone}9` })).status).toBe(422);
    expect((await api.post('/api/v1/persons', { ...PERSON, shoeSize: 42 })).status).toBe(422);
    expect((await api.post('/api/v1/persons', `{"name":"${PERSON.name}",`)).status).toBe(400);
    const registered = await api.post('/api/v1/persons', PERSON, as(worker));
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;

    const consultation = await create(api, 'consultations', {
      orgUnitId: net.villageId,
      channel: 'visit',
      receivedAt: '2021-05-01T10:00:00+08:00',
      personsServed: 1,
      category: '10',
      personId: id,
    });
    const answered = await act(api, 'consultations', consultation.id, 'answer', { answeredAt: '2021-05-01T11:00:00+08:00' });
    const revealed = await api.post(
      `/api/v1/persons/${id}/reveal?minPosition=${answered.position}`,
      { reason: 'case-handling' },
      as(worker),
    );
    expect(revealed.status).toBe(200);
    expect(JSON.stringify(revealed.body)).toContain(PERSON.phone);
    const exported = await api.get(`/api/v1/persons/${id}/export?minPosition=${answered.position}`, as(supervisor));
    expect(exported.status).toBe(200);

    // An internal failure on a request naming the person: the error is logged, its data is not.
    await api.db.query('ALTER TABLE idempotency_keys RENAME TO idempotency_keys_gone');
    const failed = await api.post('/api/v1/persons', { name: PERSON.name, phone: PERSON.phone }, { 'idempotency-key': uuid() });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    await api.db.query('ALTER TABLE idempotency_keys_gone RENAME TO idempotency_keys');

    const erased = await api.post(
      `/api/v1/persons/${id}/erase?minPosition=${answered.position}`,
      { reason: 'data-subject-request' },
      as(supervisor),
    );
    expect(erased.body).toMatchObject({ erased: true });
    expect((await api.get(`/api/v1/persons/${id}`, as(worker))).body).toMatchObject({ erased: true });

    const output = written.join('');
    expect(output.length).toBeGreaterThan(0); // the logger was on
    for (const value of [PERSON.name, PERSON.phone, PERSON.idNumber]) expect(output).not.toContain(value);
  });
});
