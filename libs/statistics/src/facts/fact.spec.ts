import type { RecordedEvent } from '@pls/event-store';
import { factsOf, type Fact } from './fact';

const UNIT = '00000000-0000-4000-8000-000000000001';
const HOTLINE = '00000000-0000-4000-8000-000000000002';
let position = 0;

function recorded(stream: string, type: string, data: object): RecordedEvent {
  position += 1;
  return { id: `e${position}`, stream, type, data, metadata: {}, version: 1, position, recordedAt: '2021-06-01T08:00:00+08:00' };
}

const metrics = (facts: Fact[]) => facts.map((f) => f.metric);

function call(outcome: 'answered' | 'missed' | 'voicemail', waitMs: number, category: string | null = '04') {
  const offeredAt = '2021-03-01T00:30:00+08:00';
  const offered = Date.parse(offeredAt);
  const answeredAt = outcome === 'answered' ? new Date(offered + waitMs).toISOString() : null;
  return recorded('hotlinecall-c1', 'HotlineCallLogged', {
    callId: 'c1',
    orgUnitId: UNIT,
    offeredAt,
    answeredAt,
    endedAt: new Date(offered + waitMs + 60_000).toISOString(),
    outcome,
    waitSeconds: Math.floor((outcome === 'answered' ? waitMs : waitMs + 60_000) / 1000),
    talkSeconds: 0,
    callerPersonId: null,
    class: 'consultation',
    category,
    operatorId: null,
    offeredOn: '2021-03-01',
  });
}

describe('facts of hotline calls', () => {
  it('counts an answered call as offered and answered on its Asia/Shanghai offer date, timely up to 15 s inclusive', () => {
    const facts = factsOf(call('answered', 15_000));
    expect(metrics(facts)).toEqual(['hotline.offered', 'hotline.answered', 'hotline.answeredWithin15s']);
    expect(new Set(facts.map((f) => f.businessDay))).toEqual(new Set(['2021-03-01']));
    expect(metrics(factsOf(call('answered', 15_500)))).toEqual(['hotline.offered', 'hotline.answered']);
  });

  it('leaves missed calls shorter than the short-abandon threshold out of offered, but counts every missed call', () => {
    const missed = (waitSeconds: number, threshold?: number) =>
      metrics(
        factsOf(
          recorded('hotlinecall-c2', 'HotlineCallLogged', {
            ...(call('missed', 0).data as object),
            waitSeconds,
          }),
          threshold === undefined ? {} : { shortAbandonSeconds: threshold },
        ),
      );
    expect(missed(4)).toEqual(['hotline.missed']);
    expect(missed(5)).toEqual(['hotline.offered', 'hotline.missed']);
    expect(missed(4, 3)).toEqual(['hotline.offered', 'hotline.missed']);
  });

  it('offers a voicemail without answering it', () => {
    expect(metrics(factsOf(call('voicemail', 3_000)))).toEqual(['hotline.offered']);
  });

  it("counts a reached callback on the call's offer date with the call's category", () => {
    const callback = recorded('hotlinecall-c3', 'HotlineCallbackAttempted', {
      at: '2021-03-04T10:00:00+08:00',
      reached: true,
      offeredOn: '2021-03-01',
      orgUnitId: UNIT,
    });
    const [fact] = factsOf(callback, {}, { callCategory: (id) => (id === 'c3' ? '07' : null) });
    expect(fact).toMatchObject({
      metric: 'hotline.callbackReached',
      recordId: 'c3',
      businessDay: '2021-03-01',
      category: '07',
      unitId: UNIT,
    });
    expect(factsOf(recorded('hotlinecall-c3', 'HotlineCallbackAttempted', { ...(callback.data as object), reached: false }))).toEqual([]);
  });
});

describe('facts of mediations', () => {
  const facts = { orgUnitId: UNIT, kind: 'administrative', source: 'referral', category: '0401' };

  it('counts the acceptance with its claimed amount and person-times, the sub-category rolled up', () => {
    const [fact] = factsOf(
      recorded('mediation-m1', 'MediationAccepted', {
        mediationId: 'm1',
        ...facts,
        acceptedOn: '2021-03-02',
        dueOn: '2021-04-01',
        mediatorIds: [],
        partyCount: 3,
        claimedAmountFen: 12_345,
      }),
    );
    expect(fact).toMatchObject({
      factId: expect.stringMatching(/:mediation\.accepted$/),
      recordId: 'm1',
      recordType: 'mediation',
      metric: 'mediation.accepted',
      businessDay: '2021-03-02',
      category: '04',
      kind: 'administrative',
      source: 'referral',
      amountFen: 12_345,
      countValue: 3,
      onTime: null,
      recordedAt: '2021-06-01T00:00:00.000Z',
    });
  });

  it('counts an agreement on its effective date with the agreed amount and on-time flag, a termination on its date', () => {
    const timing = { acceptedOn: '2021-03-02', dueOn: '2021-04-01' };
    const [agreed] = factsOf(
      recorded('mediation-m1', 'MediationAgreementReached', {
        mediationId: 'm1',
        ...facts,
        ...timing,
        onTime: false,
        form: 'oral',
        effectiveOn: '2021-04-05',
        agreedAmountFen: 500,
      }),
    );
    expect(agreed).toMatchObject({ metric: 'mediation.succeeded', businessDay: '2021-04-05', amountFen: 500, onTime: false });
    const [terminated] = factsOf(
      recorded('mediation-m2', 'MediationTerminated', {
        mediationId: 'm2',
        ...facts,
        ...timing,
        onTime: true,
        reason: 'withdrawn',
        terminatedOn: '2021-03-20',
      }),
    );
    expect(terminated).toMatchObject({ metric: 'mediation.terminated', businessDay: '2021-03-20', onTime: true, amountFen: null });
  });

  it('counts nothing for registration, sessions or closing (closing files, the conclusion was counted)', () => {
    expect(
      factsOf(
        recorded('mediation-m1', 'MediationClosed', {
          mediationId: 'm1',
          closedOn: '2021-05-01',
          outcome: 'agreed',
          concludedOn: '2021-04-05',
        }),
      ),
    ).toEqual([]);
    expect(
      factsOf(recorded('mediation-m1', 'MediationSessionRecorded', { mediationId: 'm1', heldOn: '2021-03-03', sessionNumber: 1 })),
    ).toEqual([]);
  });
});

describe('facts of consultations, work orders and lectures', () => {
  it('counts a referral on the day the consultation was received, and closes it on the day it was referred', () => {
    const facts = factsOf(
      recorded('consultation-k1', 'ConsultationReferred', {
        consultationId: 'k1',
        orgUnitId: UNIT,
        category: '10',
        receivedOn: '2021-03-01',
        target: 'notary',
        targetOrgUnitId: null,
        mediationId: null,
        referredAt: '2021-03-03T09:00:00+08:00',
        referredOn: '2021-03-03',
      }),
    );
    expect(facts.map((f) => [f.metric, f.businessDay])).toEqual([
      ['consultation.referred', '2021-03-01'],
      ['consultation.closed', '2021-03-03'],
    ]);
  });

  const base = { class: 'complaint', category: null, urgent: false, createdAt: '2021-03-01T10:00:00+08:00' };

  it('counts a work order as created at the unit it is handed to, and routes it from the hotline unit', () => {
    const facts = factsOf(
      recorded('workorder-w1', 'WorkOrderCreated', {
        ...base,
        orgUnitId: HOTLINE,
        workOrderId: 'w1',
        callId: 'c1',
        assignToOrgUnitId: UNIT,
        createdOn: '2021-03-01',
      }),
    );
    expect(facts.map((f) => [f.metric, f.unitId, f.category])).toEqual([
      ['workOrder.created', UNIT, null],
      ['workOrder.routed', HOTLINE, null],
    ]);
  });

  it.each([
    ['very-satisfied', true],
    ['satisfied', true],
    ['basic', false],
    ['unsatisfied', false],
  ])('counts a visit rated %s as satisfied: %s', (satisfaction, satisfied) => {
    const facts = factsOf(
      recorded('workorder-w1', 'WorkOrderVisited', {
        ...base,
        orgUnitId: UNIT,
        satisfaction,
        at: '2021-03-05T10:00:00+08:00',
        visitedOn: '2021-03-05',
      }),
    );
    expect(metrics(facts)).toEqual(satisfied ? ['workOrder.visited', 'workOrder.satisfied'] : ['workOrder.visited']);
  });

  it('counts a lecture held with its attendees, and nothing for a planned or cancelled one', () => {
    const [held] = factsOf(
      recorded('lecture-l1', 'LectureHeld', { lectureId: 'l1', orgUnitId: UNIT, heldOn: '2021-03-08', attendees: 120 }),
    );
    expect(held).toMatchObject({
      metric: 'lecture.held',
      businessDay: '2021-03-08',
      countValue: 120,
      category: null,
      kind: null,
      source: null,
    });
    expect(
      factsOf(recorded('lecture-l1', 'LecturePlanned', { lectureId: 'l1', orgUnitId: UNIT, plannedOn: '2021-03-08', topic: 'x' })),
    ).toEqual([]);
  });
});
