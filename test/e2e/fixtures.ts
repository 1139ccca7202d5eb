/* Shared setup and assertions of the HTTP end-to-end specs. Every spec starts
 * one API per store kind (`useApi`) and talks to it only over HTTP (Fastify's
 * inject); the event store is read directly for one thing only: proving that a
 * refused request appended nothing (`headPosition()` before and after). */
import { startTestApi, type Reply, type StoreKind, type TestApi } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';

export { describeOn, STORE_KINDS, type Reply, type StoreKind, type TestApi } from '@test/support/api-harness';

export const uuid = (): string => randomUUID();

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API of one spec file on one store kind, started in `beforeAll` and closed in `afterAll`. */
export interface ApiHandle {
  api: TestApi;
}

export function useApi(kind: StoreKind): ApiHandle {
  const handle = {} as ApiHandle;
  beforeAll(async () => {
    handle.api = await startTestApi(kind);
  });
  afterAll(async () => {
    await handle.api?.close();
  });
  return handle;
}

// ---------------------------------------------------------------------------
// Answers

/** `201` + `Location` + `ETag` for a create, `200` for a transition; `{ id, version, position }` as integers. */
export function expectWritten(
  reply: Reply,
  collection: string,
  status: 200 | 201 = 201,
): { id: string; version: number; position: number } {
  expect({ status: reply.status, body: reply.body }).toEqual({
    status,
    body: expect.objectContaining({ id: expect.stringMatching(UUID_RE), version: expect.any(Number), position: expect.any(Number) }),
  });
  const { id, version, position } = reply.body as { id: string; version: number; position: number };
  expect(Number.isInteger(version) && version >= 1).toBe(true);
  expect(Number.isInteger(position) && position >= 1).toBe(true);
  expect(String(reply.headers['content-type'])).toMatch(/^application\/json/);
  expect(reply.headers['etag']).toBe(`"${version}"`);
  if (status === 201) {
    expect(version).toBe(1);
    expect(reply.headers['location']).toBe(`/api/v1/${collection}/${id}`);
  }
  return { id, version, position };
}

export async function create(api: TestApi, collection: string, body: unknown, headers?: Record<string, string>) {
  return expectWritten(await api.post(`/api/v1/${collection}`, body, headers), collection, 201);
}

export async function act(
  api: TestApi,
  collection: string,
  id: string,
  action: string,
  body: unknown = {},
  headers?: Record<string, string>,
) {
  const reply = await api.post(`/api/v1/${collection}/${id}/${action}`, body, headers);
  const written = expectWritten(reply, collection, 200);
  expect(written.id).toBe(id);
  return { ...written, body: reply.body as Record<string, unknown> };
}

/** `GET /{collection}/{id}`: 200 with `id`, `status`, `version` and a matching `ETag`. */
export async function read<T = Record<string, any>>(
  api: TestApi,
  collection: string,
  id: string,
): Promise<T & { id: string; status: string; version: number }> {
  const reply = await api.get(`/api/v1/${collection}/${id}`);
  expect({ status: reply.status, id: reply.body?.id }).toEqual({ status: 200, id });
  expect(Number.isInteger(reply.body.version)).toBe(true);
  expect(reply.headers['etag']).toBe(`"${reply.body.version}"`);
  expect(reply.body.status).toMatch(/^[a-z]+(-[a-z]+)*$/);
  return reply.body;
}

export interface HistoryEvent {
  type: string;
  version: number;
  position: number;
  recordedAt: string;
  data: Record<string, any>;
  metadata: Record<string, any>;
}

/**
 * `GET /{collection}/{id}/history`: the events in version order (1, 2, …),
 * positions rising, each with recordedAt, data and metadata naming the
 * command and the record's org unit (one for all events, or one per event).
 * Answers the events for further checks.
 */
export async function expectHistory(
  api: TestApi,
  collection: string,
  id: string,
  types: readonly string[],
  orgUnitId: string | readonly string[],
): Promise<HistoryEvent[]> {
  const reply = await api.get(`/api/v1/${collection}/${id}/history`);
  expect(reply.status).toBe(200);
  expect(reply.body.id).toBe(id);
  const events = reply.body.events as HistoryEvent[];
  expect(events.map((e) => e.type)).toEqual(types);
  events.forEach((e, i) => {
    expect(Object.keys(e).sort()).toEqual(['data', 'metadata', 'position', 'recordedAt', 'type', 'version']);
    expect(e.version).toBe(i + 1);
    expect(Number.isInteger(e.position)).toBe(true);
    if (i > 0) expect(e.position).toBeGreaterThan(events[i - 1]!.position);
    expect(Number.isNaN(Date.parse(e.recordedAt))).toBe(false);
    expect(typeof e.data).toBe('object');
    const unit = typeof orgUnitId === 'string' ? orgUnitId : orgUnitId[i];
    expect(e.metadata).toEqual(expect.objectContaining({ commandId: expect.stringMatching(UUID_RE), orgUnitId: unit }));
  });
  return events;
}

/** An RFC 9457 problem with this status and stable code. */
export function expectProblem(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body?.code }).toEqual({ status, code });
  expect(String(reply.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(reply.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), status }));
}

/** A `422` naming exactly these fields (in any order). */
export function expectInvalid(reply: Reply, fields: readonly string[], code = 'VALIDATION.FAILED'): void {
  expectProblem(reply, 422, code);
  const errors = reply.body.errors as Array<{ field: string; message: string }>;
  expect(Array.isArray(errors)).toBe(true);
  for (const e of errors) expect(typeof e.message).toBe('string');
  expect(errors.map((e) => e.field).sort()).toEqual([...fields].sort());
}

/** Sends a request and proves the event log did not grow (a refusal, or a replayed answer). */
export async function appendsNothing(api: TestApi, send: () => Promise<Reply>): Promise<Reply> {
  const before = await api.store.headPosition();
  const reply = await send();
  expect(await api.store.headPosition()).toBe(before);
  return reply;
}

/** Sends a request that must be refused and proves the event log did not grow. */
export async function refused(api: TestApi, send: () => Promise<Reply>): Promise<Reply> {
  const reply = await appendsNothing(api, send);
  expect(reply.status).toBeGreaterThanOrEqual(400);
  return reply;
}

// ---------------------------------------------------------------------------
// A small network: a city, two townships, a village, three persons

export interface Network {
  cityId: string;
  townshipId: string;
  township2Id: string;
  villageId: string;
  personA: string;
  personB: string;
  personC: string;
}

export async function createPerson(api: TestApi, body: Record<string, unknown>): Promise<string> {
  const reply = await api.post('/api/v1/persons', body);
  expect(reply.status).toBe(201);
  expect(reply.body.id).toMatch(UUID_RE);
  return reply.body.id as string;
}

export async function createNetwork(api: TestApi, name = '云川'): Promise<Network> {
  const city = await create(api, 'org-units', { name: `${name}市`, level: 'city', parentId: null });
  const township = await create(api, 'org-units', { name: `${name}东镇`, level: 'township', parentId: city.id });
  const township2 = await create(api, 'org-units', { name: `${name}西镇`, level: 'township', parentId: city.id });
  const village = await create(api, 'org-units', { name: `${name}东村`, level: 'village', parentId: township.id });
  return {
    cityId: city.id,
    townshipId: township.id,
    township2Id: township2.id,
    villageId: village.id,
    personA: await createPerson(api, { name: '张三', phone: '13812341234' }),
    personB: await createPerson(api, { name: '李四' }),
    personC: await createPerson(api, { name: '王五' }),
  };
}

/** A closed village under the network's township: it takes no new records. */
export async function closedVillage(api: TestApi, net: Network): Promise<string> {
  const village = await create(api, 'org-units', { name: `已撤销村${uuid().slice(0, 4)}`, level: 'village', parentId: net.townshipId });
  await act(api, 'org-units', village.id, 'close', { closedOn: '2021-01-31' });
  return village.id;
}

// ---------------------------------------------------------------------------
// Bodies (API.md field names; dates in 2021, instants with an offset)

export function mediationBody(net: Network, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgUnitId: net.villageId,
    kind: 'people',
    source: 'application',
    category: '02',
    parties: [
      { personId: net.personA, role: 'applicant' },
      { personId: net.personB, role: 'respondent' },
    ],
    claimedAmountFen: 1_250_000,
    registeredOn: '2021-03-01',
    ...overrides,
  };
}

export function answeredCallBody(net: Network, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgUnitId: net.cityId,
    offeredAt: '2021-03-01T09:00:00+08:00',
    answeredAt: '2021-03-01T09:00:08+08:00',
    endedAt: '2021-03-01T09:06:00+08:00',
    outcome: 'answered',
    callerPersonId: net.personA,
    class: 'complaint',
    category: '11',
    ...overrides,
  };
}

export function missedCallBody(net: Network, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgUnitId: net.cityId,
    offeredAt: '2021-03-01T22:10:00+08:00',
    endedAt: '2021-03-01T22:10:40+08:00',
    outcome: 'missed',
    callerPersonId: net.personB,
    class: 'consultation',
    ...overrides,
  };
}

export function consultationBody(net: Network, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgUnitId: net.townshipId,
    channel: 'visit',
    receivedAt: '2021-03-01T10:00:00+08:00',
    personsServed: 2,
    category: '10',
    personId: net.personA,
    ...overrides,
  };
}

export function lectureBody(net: Network, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { orgUnitId: net.villageId, plannedOn: '2021-05-20', topic: '民法典进村入户', ...overrides };
}

/** Registers a mediation (and accepts it, when asked) and answers its id. */
export async function registerMediation(api: TestApi, net: Network, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await create(api, 'mediations', mediationBody(net, overrides))).id;
}

export async function acceptedMediation(api: TestApi, net: Network, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await registerMediation(api, net, overrides);
  await act(api, 'mediations', id, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [uuid()] });
  return id;
}

/** An answered call handed over to the network's township: answers the call and its work order. */
export async function handedOverCall(api: TestApi, net: Network): Promise<{ callId: string; workOrderId: string }> {
  const call = await create(api, 'hotline-calls', answeredCallBody(net));
  const handOver = await act(api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: false });
  return { callId: call.id, workOrderId: handOver.body['workOrderId'] as string };
}
