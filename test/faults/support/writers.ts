/* Writers for the crash trials: records of several kinds appended event by
 * event through the store's port, with the real event shapes, by a few
 * concurrent loops in the test process. */
import type { ConsultationEvent } from '@pls/consultation';
import type { EventStore, NewEvent } from '@pls/event-store';
import type { HotlineCallEvent } from '@pls/hotline';
import type { MediationEvent } from '@pls/mediation';
import type { OrgUnitEvent } from '@pls/org';
import type { LectureEvent } from '@pls/outreach';
import { addDays, shanghaiDate } from '@pls/reference';
import { randomUUID } from 'node:crypto';

type AnyEvent = MediationEvent | ConsultationEvent | HotlineCallEvent | LectureEvent | OrgUnitEvent;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** A city, two townships, four villages. */
export const TREE: ReadonlyArray<[string, 'city' | 'township' | 'village', string | null]> = [
  [uuid(1), 'city', null],
  [uuid(11), 'township', uuid(1)],
  [uuid(12), 'township', uuid(1)],
  [uuid(101), 'village', uuid(11)],
  [uuid(102), 'village', uuid(11)],
  [uuid(103), 'village', uuid(12)],
  [uuid(104), 'village', uuid(12)],
];
const COUNTING_UNITS = TREE.filter(([, level]) => level !== 'city').map(([id]) => id);

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const int = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function registerTree(store: EventStore): Promise<void> {
  for (const [orgUnitId, level, parentId] of TREE) {
    const event: OrgUnitEvent = {
      type: 'OrgUnitRegistered',
      data: { orgUnitId, name: `unit ${orgUnitId.slice(-3)}`, level, parentId, code: null },
    };
    await store.append(`orgunit-${orgUnitId}`, [{ id: randomUUID(), ...event }], 0);
  }
}

/** One record's events, in stream order. */
function record(): { stream: string; events: AnyEvent[] } {
  const unit = pick(COUNTING_UNITS);
  const day = addDays('2025-01-01', int(0, 364));
  const category = pick(['01', '02', '04', '10']);
  switch (pick(['mediation', 'mediation', 'consultation', 'lecture', 'call'] as const)) {
    case 'mediation': {
      const mediationId = randomUUID();
      const facts = {
        orgUnitId: unit,
        kind: pick(['people', 'administrative'] as const),
        source: pick(['application', 'initiative'] as const),
        category,
      };
      const claimedAmountFen = Math.random() < 0.2 ? null : int(0, 50_000_000);
      const partyCount = int(2, 4);
      const events: MediationEvent[] = [
        {
          type: 'MediationRegistered',
          data: {
            mediationId,
            ...facts,
            parties: Array.from({ length: partyCount }, (_, i) => ({
              personId: randomUUID(),
              role: i === 0 ? ('applicant' as const) : ('respondent' as const),
            })),
            partyCount,
            claimedAmountFen,
            registeredOn: day,
            referredFrom: null,
          },
        },
      ];
      if (Math.random() < 0.15) {
        events.push({ type: 'MediationRejected', data: { mediationId, ...facts, reason: 'out-of-scope', rejectedOn: day } });
        return { stream: `mediation-${mediationId}`, events };
      }
      const dueOn = addDays(day, 30);
      events.push({
        type: 'MediationAccepted',
        data: { mediationId, ...facts, acceptedOn: day, dueOn, mediatorIds: [randomUUID()], partyCount, claimedAmountFen },
      });
      const concludedOn = addDays(day, int(0, 40));
      const timing = { acceptedOn: day, dueOn, onTime: concludedOn <= dueOn };
      const fate = Math.random();
      if (fate < 0.5) {
        events.push({
          type: 'MediationAgreementReached',
          data: { mediationId, ...facts, ...timing, form: 'written', effectiveOn: concludedOn, agreedAmountFen: int(0, 10_000_000) },
        });
      } else if (fate < 0.75) {
        events.push({
          type: 'MediationTerminated',
          data: { mediationId, ...facts, ...timing, reason: 'no-agreement', terminatedOn: concludedOn },
        });
      }
      return { stream: `mediation-${mediationId}`, events };
    }
    case 'consultation': {
      const consultationId = randomUUID();
      const facts = { consultationId, orgUnitId: unit, category, receivedOn: day };
      const events: ConsultationEvent[] = [
        {
          type: 'ConsultationOpened',
          data: {
            ...facts,
            channel: 'visit',
            receivedAt: `${day}T10:15:00+08:00`,
            personsServed: int(1, 5),
            personId: null,
            topicCode: null,
          },
        },
      ];
      const closedOn = addDays(day, int(0, 5));
      const fate = Math.random();
      if (fate < 0.4)
        events.push({ type: 'ConsultationAnswered', data: { ...facts, answeredAt: `${closedOn}T16:00:00+08:00`, answeredOn: closedOn } });
      else if (fate < 0.6) {
        events.push({
          type: 'ConsultationReferred',
          data: {
            ...facts,
            target: 'legal-aid',
            targetOrgUnitId: null,
            mediationId: null,
            referredAt: `${closedOn}T16:00:00+08:00`,
            referredOn: closedOn,
          },
        });
      }
      return { stream: `consultation-${consultationId}`, events };
    }
    case 'lecture': {
      const lectureId = randomUUID();
      const events: LectureEvent[] = [{ type: 'LecturePlanned', data: { lectureId, orgUnitId: unit, plannedOn: day, topic: '民法典' } }];
      const fate = Math.random();
      if (fate < 0.6)
        events.push({
          type: 'LectureHeld',
          data: { lectureId, orgUnitId: unit, heldOn: addDays(day, int(-2, 2)), attendees: int(1, 300) },
        });
      else if (fate < 0.7) events.push({ type: 'LectureCancelled', data: { lectureId, orgUnitId: unit, plannedOn: day, reason: null } });
      return { stream: `lecture-${lectureId}`, events };
    }
    case 'call': {
      const callId = randomUUID();
      const offered = Date.parse(`${day}T09:00:00+08:00`) + int(0, 36_000) * 1000;
      const outcome = pick(['answered', 'answered', 'missed', 'voicemail'] as const);
      const wait = outcome === 'answered' ? int(0, 30) : int(0, 20);
      const answered = outcome === 'answered' ? offered + wait * 1000 : null;
      const ended = (answered ?? offered + wait * 1000) + 60_000;
      const events: HotlineCallEvent[] = [
        {
          type: 'HotlineCallLogged',
          data: {
            callId,
            orgUnitId: unit,
            offeredAt: new Date(offered).toISOString(),
            answeredAt: answered === null ? null : new Date(answered).toISOString(),
            endedAt: new Date(ended).toISOString(),
            outcome,
            waitSeconds: wait,
            talkSeconds: answered === null ? 0 : 60,
            callerPersonId: null,
            class: 'consultation',
            category,
            operatorId: null,
            offeredOn: shanghaiDate(new Date(offered).toISOString()),
          },
        },
      ];
      return { stream: `hotlinecall-${callId}`, events };
    }
  }
}

export interface Writers {
  /** Events appended so far. */
  readonly appended: () => number;
  /** Stops after the records in flight are complete; rejects if any append failed. */
  stop(): Promise<void>;
}

/** `count` loops, each appending one record's events one by one (expected versions), pausing `pauseMs` between appends. */
export function startWriters(store: EventStore, count: number, pauseMs: number): Writers {
  let running = true;
  let appended = 0;
  const loop = async () => {
    while (running) {
      const { stream, events } = record();
      for (const [i, event] of events.entries()) {
        const e: NewEvent = { id: randomUUID(), type: event.type, data: event.data };
        await store.append(stream, [e], i);
        appended += 1;
        await sleep(pauseMs);
      }
    }
  };
  const loops = Array.from({ length: count }, loop);
  return {
    appended: () => appended,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
