import type { RecordedEvent } from '@pls/event-store';
import { loadCalendar } from '../calendar/calendar-files';
import type { Deadline } from './deadline';
import { parseDeadlineId } from './deadline';
import { deadlineSubjectOf, DeadlineRules, RecordDeadlines, type DeadlineSubject } from './deadline-rules';
import { deadlineSettings } from './deadline-settings';
import { drawnForVisit } from './visit-sample';

const rules = new DeadlineRules(loadCalendar(), deadlineSettings());

const WO = 'a0000000-0000-4000-8000-000000000001';
const MED = 'b0000000-0000-4000-8000-000000000002';
const CALL = 'c0000000-0000-4000-8000-000000000003';
const UNIT = 'd0000000-0000-4000-8000-000000000004';

/** A stream's events as the store would hand them over: versions 1, 2, … and positions 10, 20, … */
function stream(name: string, events: Array<{ type: string; data: Record<string, unknown> }>): RecordedEvent[] {
  return events.map((e, i) => ({
    id: `${name}-${i}`,
    stream: name,
    type: e.type,
    data: e.data,
    metadata: { issuedAt: '2021-01-01T00:00:00Z' },
    version: i + 1,
    position: (i + 1) * 10,
    recordedAt: '2021-01-01T00:00:00Z',
  }));
}

function replay(events: RecordedEvent[]): Deadline[] {
  const subject = deadlineSubjectOf(events[0]!) as DeadlineSubject;
  return rules.replay(subject, events).rows;
}

const summary = (rows: Deadline[]) => rows.map((r) => ({ id: r.deadlineId.replace(/\.[0-9a-f-]{36}\./, '.·.'), due: r.dueAt, status: r.status }));

const facts = (o: Record<string, unknown> = {}) => ({ orgUnitId: UNIT, class: 'complaint', category: '10', urgent: false, createdAt: '2021-02-05T10:00:00+08:00', ...o });
const wo = {
  created: (o = {}) => ({ type: 'WorkOrderCreated', data: { ...facts(), workOrderId: WO, callId: CALL, assignToOrgUnitId: UNIT, createdOn: '2021-02-05', ...o } }),
  assigned: (at: string, o = {}) => ({ type: 'WorkOrderAssigned', data: { ...facts(o), at, assignedOn: at.slice(0, 10), waitingSince: at } }),
  returned: (at: string, o = {}) => ({ type: 'WorkOrderReturned', data: { ...facts(o), fromOrgUnitId: UNIT, reason: 'other', at, returnedOn: at.slice(0, 10) } }),
  extended: (at: string, workingDays: number) => ({ type: 'WorkOrderReplyDeadlineExtended', data: { ...facts(), workingDays, at, extendedOn: at.slice(0, 10) } }),
  replied: (at: string) => ({
    type: 'WorkOrderReplied',
    data: { ...facts(), resultCode: 'resolved', at, repliedOn: at.slice(0, 10), assignedAt: at, replyLimitWorkingDays: null },
  }),
  visited: (at: string, satisfaction: string) => ({ type: 'WorkOrderVisited', data: { ...facts(), satisfaction, at, visitedOn: at.slice(0, 10) } }),
  reopened: (at: string) => ({ type: 'WorkOrderReopened', data: { ...facts(), fromOrgUnitId: UNIT, at, reopenedOn: at.slice(0, 10) } }),
  closed: (at: string) => ({ type: 'WorkOrderClosed', data: { ...facts(), at, closedOn: at.slice(0, 10), withoutVisit: false } }),
  supervised: (at: string, reason: string) => ({ type: 'WorkOrderSupervised', data: { ...facts(), reason, status: 'assigned', at, supervisedOn: at.slice(0, 10) } }),
};
const created = '2021-02-05T10:00:00+08:00';

describe('work-order deadlines', () => {
  const workOrder = (...events: Array<{ type: string; data: Record<string, unknown> }>) => replay(stream(`workorder-${WO}`, events));

  it('meets the assign limit at once when the hand-over assigns, and starts the reply limit: 5 working days across the Spring Festival', () =>
    expect(summary(workOrder(wo.created(), wo.assigned(created)))).toEqual([
      { id: 'work-order-assign.·.1', due: '2021-02-07T16:00:00.000Z', status: 'met' },
      // Fri 02-05 → Sun 02-07 (make-up) … Wed 02-10, then the holiday to 02-17: the 5th working day is Thu 02-18.
      { id: 'work-order-reply.·.2', due: '2021-02-18T16:00:00.000Z', status: 'pending' },
    ]));

  it('gives a returned order 1 working day to be assigned again (the make-up Sunday counts), cancelling the reply limit', () =>
    expect(summary(workOrder(wo.created(), wo.assigned(created), wo.returned('2021-02-06T09:00:00+08:00')))).toEqual([
      { id: 'work-order-assign.·.1', due: '2021-02-07T16:00:00.000Z', status: 'met' },
      { id: 'work-order-reply.·.2', due: '2021-02-18T16:00:00.000Z', status: 'cancelled' },
      { id: 'work-order-assign.·.3', due: '2021-02-07T16:00:00.000Z', status: 'pending' },
    ]));

  it('gives an urgent returned order one clock hour, holiday or not', () =>
    expect(
      summary(workOrder(wo.created({ urgent: true }), wo.assigned(created, { urgent: true }), wo.returned('2021-02-12T23:30:00+08:00', { urgent: true }))).at(-1),
    ).toEqual({ id: 'work-order-assign.·.3', due: '2021-02-12T16:30:00.000Z', status: 'pending' }));

  it('re-times the reply limit on an extension, from the assignment, and keeps it for a later assignment', () => {
    const rows = workOrder(
      wo.created(),
      wo.assigned(created),
      wo.extended('2021-02-08T09:00:00+08:00', 10),
      wo.returned('2021-02-09T09:00:00+08:00'),
      wo.assigned('2021-02-09T10:00:00+08:00'),
    );
    expect(summary(rows).slice(1)).toEqual([
      { id: 'work-order-reply.·.2', due: '2021-02-18T16:00:00.000Z', status: 'cancelled' },
      // 10 working days from Fri 02-05: 02-07, 08, 09, 10, 18, 19, 20 (Sat, make-up), 22, 23, 24.
      { id: 'work-order-reply.·.3', due: '2021-02-24T16:00:00.000Z', status: 'cancelled' },
      { id: 'work-order-assign.·.4', due: '2021-02-10T16:00:00.000Z', status: 'met' },
      // From Tue 02-09: 02-10, 18, 19, 20, 22, 23, 24, 25, 26, 03-01.
      { id: 'work-order-reply.·.5', due: '2021-03-01T16:00:00.000Z', status: 'pending' },
    ]);
    expect(rows.at(-1)!.workingDays).toBe(10);
  });

  it('caps an extension at the maximum setting', () =>
    expect(new DeadlineRules(loadCalendar(), deadlineSettings({ maxReplyWorkingDays: 7 })).replay(
      { recordType: 'work-order', recordId: WO },
      stream(`workorder-${WO}`, [wo.created(), wo.assigned(created), wo.extended('2021-02-08T09:00:00+08:00', 15)]),
    ).rows.at(-1)!.workingDays).toBe(7));

  it('opens a new reply limit when an extension comes after the first one fired', () =>
    expect(
      summary(
        workOrder(wo.created(), wo.assigned(created), wo.supervised('2021-02-19T09:00:00+08:00', 'reply-overdue'), wo.extended('2021-02-19T10:00:00+08:00', 15)),
      ).slice(1),
    ).toEqual([
      { id: 'work-order-reply.·.2', due: '2021-02-18T16:00:00.000Z', status: 'fired' },
      { id: 'work-order-reply.·.4', due: expect.any(String), status: 'pending' },
    ]));

  it('is met by the reply, and starts the follow-up limit on an unsatisfied visit (the make-up Saturday counts)', () =>
    expect(
      summary(
        workOrder(
          wo.created(),
          wo.assigned(created),
          wo.replied('2021-02-10T09:00:00+08:00'),
          // Fri 2021-09-17: the next working day is Sat 09-18 (make-up for the Mid-Autumn Festival).
          wo.visited('2021-09-17T15:00:00+08:00', 'unsatisfied'),
          wo.reopened('2021-09-18T09:00:00+08:00'),
        ),
      ).slice(1),
    ).toEqual([
      { id: 'work-order-reply.·.2', due: '2021-02-18T16:00:00.000Z', status: 'met' },
      { id: 'work-order-follow-up.·.4', due: '2021-09-18T16:00:00.000Z', status: 'met' },
      { id: 'work-order-assign.·.5', due: '2021-09-22T16:00:00.000Z', status: 'pending' },
    ]));

  it('opens no follow-up for a satisfied visit', () =>
    expect(workOrder(wo.created(), wo.assigned(created), wo.replied('2021-02-10T09:00:00+08:00'), wo.visited('2021-02-11T09:00:00+08:00', 'satisfied')).map((r) => r.kind)).toEqual([
      'work-order-assign',
      'work-order-reply',
    ]));

  it('fires on the supervision the job appends, but not on a supervisor’s flag before the deadline', () => {
    expect(workOrder(wo.created(), wo.assigned(created), wo.supervised('2021-02-10T09:00:00+08:00', 'reply-overdue'))[1]!.status).toBe('pending');
    expect(workOrder(wo.created(), wo.assigned(created), wo.supervised('2021-02-19T00:00:00+08:00', 'reply-overdue'))[1]).toMatchObject({
      status: 'fired',
      closedAt: '2021-02-18T16:00:00.000Z',
    });
  });

  it('cancels whatever is pending when the order closes', () =>
    expect(workOrder(wo.created(), wo.assigned(created), wo.closed('2021-02-08T09:00:00+08:00')).map((r) => r.status)).toEqual(['met', 'cancelled']));
});

describe('satisfaction visit (回访) deadlines', () => {
  const HOTLINE = 'e0000000-0000-4000-8000-000000000005';
  const withRate = (visitSampleRate: number) => new DeadlineRules(loadCalendar(), deadlineSettings({ visitSampleRate }));
  const orderOf = (r: DeadlineRules, id: string, ...events: Array<{ type: string; data: Record<string, unknown> }>) =>
    r.replay({ recordType: 'work-order', recordId: id }, stream(`workorder-${id}`, events)).rows;
  const handedOver = [wo.created({ orgUnitId: HOTLINE }), wo.assigned(created)];

  it('draws a replied order by a hash of its id: the same orders every time, close to the rate over many', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `${(i * 2654435761).toString(16).padStart(8, '0').slice(-8)}-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const share = (rate: number) => ids.filter((id) => drawnForVisit(id, rate)).length / ids.length;
    expect(share(0.2)).toBeGreaterThan(0.17);
    expect(share(0.2)).toBeLessThan(0.23);
    expect(share(0)).toBe(0);
    expect(share(1)).toBe(1);
    expect(ids.filter((id) => drawnForVisit(id, 0.2))).toEqual(ids.filter((id) => drawnForVisit(id, 0.2)));
    // A drawn order stays drawn when the rate rises.
    expect(ids.filter((id) => drawnForVisit(id, 0.2)).every((id) => drawnForVisit(id, 0.5))).toBe(true);
  });

  it('makes a drawn order due for a visit by the hotline unit within 3 working days of the reply — across the Spring Festival, the make-up Saturday counting', () => {
    const rows = orderOf(withRate(1), WO, ...handedOver, wo.replied('2021-02-10T09:00:00+08:00'));
    expect(rows.at(-1)).toMatchObject({
      kind: 'work-order-visit',
      orgUnitId: HOTLINE,
      startedAt: '2021-02-10T01:00:00.000Z',
      // Wed 02-10 → holiday 02-11 … 02-17 → Thu 02-18, Fri 02-19, Sat 02-20 (make-up working day).
      dueAt: '2021-02-20T16:00:00.000Z',
      workingDays: 3,
      status: 'pending',
    });
  });

  it('owes no visit for an order not drawn, until it is rated unsatisfied: the reply to the follow-up is visited', () => {
    const never = withRate(0);
    expect(orderOf(never, WO, ...handedOver, wo.replied('2021-02-10T09:00:00+08:00')).map((r) => r.kind)).not.toContain('work-order-visit');
    const rows = orderOf(
      never,
      WO,
      ...handedOver,
      wo.replied('2021-02-10T09:00:00+08:00'),
      wo.visited('2021-02-19T09:00:00+08:00', 'very-unsatisfied'),
      wo.reopened('2021-02-19T15:00:00+08:00'),
      wo.assigned('2021-02-19T16:00:00+08:00'),
      wo.replied('2021-02-22T09:00:00+08:00'),
    );
    expect(rows.filter((r) => r.kind === 'work-order-visit')).toEqual([
      expect.objectContaining({ deadlineId: `work-order-visit.${WO}.7`, orgUnitId: HOTLINE, dueAt: '2021-02-25T16:00:00.000Z', status: 'pending' }),
    ]);
  });

  it('is met by the visit, fired by the visit-overdue supervision once due, cancelled by closing', () => {
    const always = withRate(1);
    const replied = [...handedOver, wo.replied('2021-02-10T09:00:00+08:00')];
    const visit = (...more: Array<{ type: string; data: Record<string, unknown> }>) => orderOf(always, WO, ...replied, ...more).at(-1);
    expect(visit(wo.visited('2021-02-20T09:00:00+08:00', 'satisfied'))).toMatchObject({ kind: 'work-order-visit', status: 'met' });
    expect(visit(wo.supervised('2021-02-20T09:00:00+08:00', 'visit-overdue'))).toMatchObject({ status: 'pending' });
    expect(visit(wo.supervised('2021-02-21T00:00:00+08:00', 'visit-overdue'))).toMatchObject({ status: 'fired' });
    expect(visit(wo.closed('2021-02-11T09:00:00+08:00'))).toMatchObject({ kind: 'work-order-visit', status: 'cancelled' });
  });
});

describe('mediation deadlines', () => {
  const facts = { orgUnitId: UNIT, kind: 'people', source: 'application', category: '02' };
  const accepted = { type: 'MediationAccepted', data: { ...facts, mediationId: MED, acceptedOn: '2021-03-02', dueOn: '2021-04-01', mediatorIds: [], partyCount: 2, claimedAmountFen: null } };
  const extended = (previousDueOn: string, newDueOn: string) => ({ type: 'MediationDueDateExtended', data: { mediationId: MED, previousDueOn, newDueOn, partiesConsented: true } });
  const overdue = (dueOn: string) => ({ type: 'MediationOverdue', data: { mediationId: MED, orgUnitId: UNIT, dueOn, markedOn: '2021-04-02' } });
  const agreed = { type: 'MediationAgreementReached', data: { ...facts, mediationId: MED, acceptedOn: '2021-03-02', dueOn: '2021-04-16', onTime: true, form: 'written', effectiveOn: '2021-04-10', agreedAmountFen: 0 } };
  const mediation = (...events: Array<{ type: string; data: Record<string, unknown> }>) => replay(stream(`mediation-${MED}`, events));

  it('is due by the end of the due date, Asia/Shanghai (calendar days, not working days)', () =>
    expect(summary(mediation(accepted))).toEqual([{ id: 'mediation-due.·.1', due: '2021-04-01T16:00:00.000Z', status: 'pending' }]));

  it('moves with an extension, and can be overrun again after it fired', () =>
    expect(summary(mediation(accepted, overdue('2021-04-01'), extended('2021-04-01', '2021-04-16'), agreed))).toEqual([
      { id: 'mediation-due.·.1', due: '2021-04-01T16:00:00.000Z', status: 'fired' },
      { id: 'mediation-due.·.3', due: '2021-04-16T16:00:00.000Z', status: 'met' },
    ]));

  it('cancels the old date on an extension before it was due', () =>
    expect(mediation(accepted, extended('2021-04-01', '2021-04-16')).map((r) => r.status)).toEqual(['cancelled', 'pending']));
});

describe('callback deadlines', () => {
  const logged = (outcome: string, offeredAt: string) => ({
    type: 'HotlineCallLogged',
    data: { callId: CALL, orgUnitId: UNIT, offeredAt, answeredAt: null, endedAt: offeredAt, outcome, waitSeconds: 0, talkSeconds: 0, callerPersonId: null, class: 'consultation', category: null, operatorId: null, offeredOn: offeredAt.slice(0, 10) },
  });
  const attempted = (at: string, reached: boolean) => ({ type: 'HotlineCallbackAttempted', data: { at, reached, offeredOn: '2021-02-07', orgUnitId: UNIT } });
  const call = (...events: Array<{ type: string; data: Record<string, unknown> }>) => replay(stream(`hotlinecall-${CALL}`, events));

  it('calls a missed caller back by the end of the same working day — a make-up Sunday is one', () =>
    expect(summary(call(logged('missed', '2021-02-07T20:00:00+08:00')))).toEqual([{ id: 'callback.·.1', due: '2021-02-07T16:00:00.000Z', status: 'pending' }]));

  it('gives a voicemail left on a holiday until the end of the first working day after it', () =>
    expect(call(logged('voicemail', '2021-02-13T03:00:00+08:00'))[0]!.dueAt).toBe('2021-02-18T16:00:00.000Z'));

  it('is met only by a callback that reaches the caller', () => {
    expect(call(logged('missed', '2021-02-07T09:00:00+08:00'), attempted('2021-02-07T10:00:00+08:00', false))[0]!.status).toBe('pending');
    expect(call(logged('missed', '2021-02-07T09:00:00+08:00'), attempted('2021-02-07T10:00:00+08:00', true))[0]!.status).toBe('met');
  });

  it('owes nothing for an answered call', () => expect(call(logged('answered', '2021-02-07T09:00:00+08:00'))).toEqual([]));
});

describe('deadline ids', () => {
  it('are <kind>.<recordId>.<stream version>, and a replayed event opens nothing twice', () => {
    const events = stream(`workorder-${WO}`, [wo.created(), wo.assigned(created)]);
    const book = new RecordDeadlines('work-order', WO);
    for (const e of [...events, ...events]) rules.apply(book, e);
    expect(book.rows.map((r) => r.deadlineId)).toEqual([`work-order-assign.${WO}.1`, `work-order-reply.${WO}.2`]);
    expect(parseDeadlineId(book.rows[1]!.deadlineId)).toEqual({ kind: 'work-order-reply', recordId: WO, version: 2 });
    expect(book.rows[1]!.deadlineId).not.toContain(':');
  });

  it('ignore events the rules do not read, and streams of other categories', () => {
    expect(deadlineSubjectOf({ type: 'WorkOrderAcknowledged', stream: `workorder-${WO}` })).toBeNull();
    expect(deadlineSubjectOf({ type: 'WorkOrderCreated', stream: `mediation-${WO}` })).toBeNull();
    expect(deadlineSubjectOf({ type: 'MediationAccepted', stream: `mediation-${MED}` })).toEqual({ recordType: 'mediation', recordId: MED });
  });
});
