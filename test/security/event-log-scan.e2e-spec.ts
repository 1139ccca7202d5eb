/* The event-log scan that runs when every harness API closes must bite: an
 * event carrying a phone number, an ID number, a name sent to the vault, or
 * no actor fails it, naming the event type and field. */
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import { startTestApi } from '@test/support/api-harness';
import { EventLogScanError, PersonalValues, scanEventLog } from '@test/support/event-log-scan';
import { randomUUID } from 'node:crypto';

const ACTOR = { actorId: '00000000-0000-4000-8000-0000000000a1' };

async function storeWith(...events: Array<{ type: string; data: object; metadata?: Record<string, unknown> }>) {
  const store = new InMemoryEventStore();
  for (const e of events) await store.append(`test-${randomUUID()}`, [{ id: randomUUID(), type: e.type, data: e.data, metadata: e.metadata ?? ACTOR }], 'any');
  return store;
}

describe('event-log scan', () => {
  it('passes a clean log: ids, dates, amounts and system actors', async () => {
    const store = await storeWith(
      { type: 'MediationAccepted', data: { mediationId: randomUUID(), acceptedOn: '2021-03-01', claimedAmountFen: 13812345678 } },
      { type: 'WorkOrderSupervised', data: { workOrderId: randomUUID() }, metadata: { actorId: 'system:deadlines' } },
    );
    expect(await scanEventLog(store)).toEqual([]);
  });

  it('finds a mobile number and a resident ID number in data or metadata, naming type and field', async () => {
    const store = await storeWith(
      { type: 'HotlineCallLogged', data: { callId: randomUUID(), note: '回电 13812345678' } },
      { type: 'PersonRegistered', data: { personId: randomUUID() }, metadata: { ...ACTOR, caller: { idNumber: '11010519491231002X' } } },
    );
    const findings = await scanEventLog(store);
    expect(findings).toEqual([
      expect.objectContaining({ type: 'HotlineCallLogged', field: 'data.note', what: 'a mobile phone number' }),
      expect.objectContaining({ type: 'PersonRegistered', field: 'metadata.caller.idNumber', what: 'a resident ID number' }),
    ]);
  });

  it('finds a name sent to the vault anywhere in a payload, and an event without an actor', async () => {
    const personal = new PersonalValues();
    personal.rememberPersonBody(JSON.stringify({ name: '欧阳明月', phone: '0571-88889999' }));
    const store = await storeWith(
      { type: 'ConsultationOpened', data: { summary: '欧阳明月咨询继承' } },
      { type: 'LectureHeld', data: { lectureId: randomUUID(), contact: '0571-88889999' }, metadata: {} },
    );
    expect(await scanEventLog(store, { personal })).toEqual([
      expect.objectContaining({ type: 'ConsultationOpened', field: 'data.summary', what: "a person's name sent to /api/v1/persons" }),
      expect.objectContaining({ type: 'LectureHeld', field: 'data.contact', what: "a person's phone sent to /api/v1/persons" }),
      expect.objectContaining({ type: 'LectureHeld', field: 'metadata.actorId', what: 'no actor' }),
    ]);
  });

  it('fails the harness close() when an event with a phone number was planted into the store', async () => {
    const api = await startTestApi('sqlite');
    const person = await api.post('/api/v1/persons', { name: '司马青云', phone: '13900001111' });
    expect(person.status).toBe(201);
    await api.store.append(`planted-${randomUUID()}`, [{ id: randomUUID(), type: 'PlantedLeak', data: { callback: '13900001111' }, metadata: ACTOR }], 'any');
    const closing = api.close();
    await expect(closing).rejects.toBeInstanceOf(EventLogScanError);
    await expect(closing).rejects.toThrow(/PlantedLeak data\.callback: a mobile phone number/);
    await expect(closing).rejects.toThrow(/PlantedLeak data\.callback: a person's phone sent to \/api\/v1\/persons/);
    // The value itself is never printed.
    await expect(closing).rejects.not.toThrow(/13900001111/);
  });

  it('passes the harness close() after persons were registered through the API', async () => {
    const api = await startTestApi('sqlite');
    expect((await api.post('/api/v1/persons', { name: '诸葛晴', phone: '13700002222', idNumber: '11010519491231002X' })).status).toBe(201);
    await expect(api.close()).resolves.toBeUndefined();
  });
});
