/* Every event names who caused it (issue 7, Audit): a user for what people
 * do over HTTP, follow-ups included, and a stable system actor for what the
 * processes do — here the deadline jobs, firing on records dated years back.
 * (The harness's close() also fails any spec whose log holds an event without
 * an actor; this spec proves the actors are the right ones.) */
import { isSystemActor, isUuid, SYSTEM_ACTORS } from '@pls/event-sourcing';
import type { RecordedEvent } from '@pls/event-store';
import { act, create, createNetwork, handedOverCall, mediationBody, missedCallBody, uuid } from '@test/e2e/fixtures';
import { startTestApi, TEST_ADMIN_ID, type TestApi } from '@test/support/api-harness';

async function allEvents(api: TestApi): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const batch = await api.store.readAll(after, 1000);
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1]!.position;
  }
}

describe('actors on events (SQLite, deadline jobs on)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { PLS_DEADLINE_JOBS: 'on' });
  });
  afterAll(async () => api?.close());

  it('names the user on commands and their follow-ups, and system:deadlines on what the deadline jobs append', async () => {
    const net = await createNetwork(api, '行为');
    const clerk = { id: uuid(), username: 'clerk', role: 'admin' as const, orgUnitId: null, sessionId: uuid() };
    const asClerk = { authorization: `Bearer ${api.tokenFor(clerk)}` };
    // A call handed over makes a work order (a follow-up of the same command); a missed call awaits its callback.
    const { callId, workOrderId } = await handedOverCall(api, net);
    const missed = await create(api, 'hotline-calls', missedCallBody(net), asClerk);
    const mediation = await create(api, 'mediations', mediationBody(net), asClerk);
    await act(api, 'mediations', mediation.id, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [uuid()] }, asClerk);

    const history = async (collection: string, id: string) =>
      (await api.get(`/api/v1/${collection}/${id}/history`)).body.events as Array<{ type: string; metadata: { actorId: unknown } }>;
    expect((await history('hotline-calls', callId)).map((e) => e.metadata.actorId)).toEqual(expect.arrayContaining([TEST_ADMIN_ID]));
    const workOrder = await history('work-orders', workOrderId);
    expect(workOrder[0]!.metadata.actorId).toBe(TEST_ADMIN_ID);
    expect((await history('hotline-calls', missed.id))[0]!.metadata.actorId).toBe(clerk.id);
    expect((await history('mediations', mediation.id)).map((e) => e.metadata.actorId)).toEqual([clerk.id, clerk.id]);

    // The records are dated 2021: their deadlines are long past and fire as soon as the jobs see them.
    let fired: RecordedEvent[] = [];
    while (fired.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      fired = (await allEvents(api)).filter((e) => e.metadata['actorId'] === SYSTEM_ACTORS.deadlines);
    }
    expect(fired.every((e) => [callId, workOrderId, missed.id, mediation.id].some((id) => e.stream.endsWith(id)))).toBe(true);
    // The audit trail answers for the system actor like for a person.
    const trail = await api.get(`/api/v1/audit?actorId=${SYSTEM_ACTORS.deadlines}&minPosition=${fired[fired.length - 1]!.position}`);
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((i: { eventType: string }) => i.eventType)).toEqual(expect.arrayContaining(fired.map((e) => e.type)));

    // And nothing in the whole log is anonymous: every actor is a user id or a system actor.
    const strangers = (await allEvents(api)).filter((e) => !(isUuid(e.metadata['actorId']) || isSystemActor(e.metadata['actorId'])));
    expect(strangers.map((e) => `${e.type}@${e.position}: ${String(e.metadata['actorId'])}`)).toEqual([]);
  }, 120_000);
});
