/* Test support for the case-list specs: a migrated read model on SQLite or a
 * PostgreSQL schema of its own, an in-memory log to fill with typed events,
 * and a runner over it. */
import type { ConsultationEvent } from '@pls/consultation';
import { newId } from '@pls/event-sourcing';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import type { HotlineCallEvent, WorkOrderEvent, WorkOrderFacts } from '@pls/hotline';
import type { MediationEvent, MediationFacts } from '@pls/mediation';
import type { OrgUnitEvent } from '@pls/org';
import type { LectureEvent } from '@pls/outreach';
import { Checkpoints, openReadModel, ProjectionRunner } from '@pls/read-model';
import type { OrgLevel } from '@pls/reference';
import { postgresUrl } from '@test/support/services';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CASE_LIST_MIGRATIONS } from '../index';
import { caseListProjection } from '../case-list.projection';
import { CASE_COLUMNS, type CaseRow } from '../case-list.row';

export type ReadModelKind = 'sqlite' | 'postgres';

export interface CaseListReadModel {
  readonly db: DataSource;
  close(): Promise<void>;
}

/** A fresh, migrated read model: a temporary SQLite file, or a PostgreSQL schema dropped on close. */
export async function openCaseListReadModel(kind: ReadModelKind): Promise<CaseListReadModel> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pls-case-list-'));
    const db = await openReadModel({ url: `sqlite:${dir}/read.db`, kind, migrations: CASE_LIST_MIGRATIONS });
    return {
      db,
      async close() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!postgresUrl) throw new Error('PostgreSQL is not available');
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const db = await openReadModel({ url: postgresUrl, kind, schema, migrations: CASE_LIST_MIGRATIONS, poolSize: 2 });
  return {
    db,
    async close() {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.destroy();
    },
  };
}

type AnyEvent = MediationEvent | WorkOrderEvent | ConsultationEvent | HotlineCallEvent | LectureEvent | OrgUnitEvent;

/** The log the specs fill, and the projection's runner over it. */
export class CaseListLog {
  readonly store = new InMemoryEventStore();
  readonly runner: ProjectionRunner;
  private checkpoint: Promise<number> | null = null;

  constructor(
    private readonly db: DataSource,
    batchSize = 500,
  ) {
    this.runner = new ProjectionRunner(this.store, db, caseListProjection, { batchSize, log: () => undefined });
  }

  /** Appends to `<category>-<id>`; answers the position of the last event. */
  async append(category: string, id: string, ...events: AnyEvent[]): Promise<number> {
    const result = await this.store.append(
      `${category}-${id}`,
      events.map((e) => ({ id: newId(), type: e.type, data: e.data })),
      'any',
    );
    return result.position;
  }

  /** Everything appended so far, applied. The checkpoint row is created first, as `start()` would. */
  async catchUp(): Promise<number> {
    this.checkpoint ??= new Checkpoints(this.db).read(caseListProjection.name);
    await this.checkpoint;
    return this.runner.catchUp();
  }
}

/** Every row, by record id, with numbers as numbers. */
export async function rowsOf(db: DataSource): Promise<Map<string, CaseRow>> {
  const rows = await db
    .createQueryBuilder()
    .select(CASE_COLUMNS.map((c) => `c.${c} AS ${c}`))
    .from('case_list', 'c')
    .orderBy('c.record_id')
    .getRawMany<CaseRow>();
  return new Map(rows.map((r) => [r.record_id, { ...r, open: Number(r.open), supervised: Number(r.supervised), updated_position: Number(r.updated_position) }]));
}

export async function assigneesOf(db: DataSource): Promise<Array<[string, string]>> {
  const rows = await db
    .createQueryBuilder()
    .select(['a.record_id AS record_id', 'a.assignee_id AS assignee_id'])
    .from('case_list_assignees', 'a')
    .orderBy('a.record_id')
    .addOrderBy('a.assignee_id')
    .getRawMany<{ record_id: string; assignee_id: string }>();
  return rows.map((r) => [r.record_id, r.assignee_id]);
}

// ---- events ------------------------------------------------------------------

type Data<E extends AnyEvent, T extends E['type']> = Extract<E, { type: T }>['data'];

export const org = {
  registered: (orgUnitId: string, level: OrgLevel, parentId: string | null): OrgUnitEvent => ({
    type: 'OrgUnitRegistered',
    data: { orgUnitId, name: `unit ${orgUnitId.slice(0, 4)}`, level, parentId, code: null },
  }),
  moved: (orgUnitId: string, fromParentId: string, toParentId: string, effectiveOn = '2021-06-01'): OrgUnitEvent => ({
    type: 'OrgUnitMoved',
    data: { orgUnitId, fromParentId, toParentId, effectiveOn },
  }),
  renamed: (orgUnitId: string): OrgUnitEvent => ({ type: 'OrgUnitRenamed', data: { orgUnitId, name: 'renamed' } }),
};

export const mediation = (mediationId: string, orgUnitId: string, category = '02') => {
  const facts: MediationFacts = { orgUnitId, kind: 'people', source: 'application', category };
  const timing = (dueOn: string, concludedOn: string) => ({ acceptedOn: '2021-03-02', dueOn, onTime: concludedOn <= dueOn });
  return {
    registered: (o: Partial<Data<MediationEvent, 'MediationRegistered'>> = {}): MediationEvent => ({
      type: 'MediationRegistered',
      data: {
        mediationId,
        ...facts,
        parties: [
          { personId: 'a0000000-0000-4000-8000-000000000001', role: 'applicant' },
          { personId: 'a0000000-0000-4000-8000-000000000002', role: 'respondent' },
        ],
        partyCount: 2,
        claimedAmountFen: 100_000,
        registeredOn: '2021-03-01',
        referredFrom: null,
        ...o,
      },
    }),
    rejected: (rejectedOn = '2021-03-02'): MediationEvent => ({ type: 'MediationRejected', data: { mediationId, ...facts, reason: 'out-of-scope', rejectedOn } }),
    accepted: (mediatorIds: string[], acceptedOn = '2021-03-02', dueOn = '2021-04-01'): MediationEvent => ({
      type: 'MediationAccepted',
      data: { mediationId, ...facts, acceptedOn, dueOn, mediatorIds, partyCount: 2, claimedAmountFen: 100_000 },
    }),
    session: (heldOn = '2021-03-10', sessionNumber = 1): MediationEvent => ({ type: 'MediationSessionRecorded', data: { mediationId, heldOn, sessionNumber } }),
    extended: (previousDueOn: string, newDueOn: string): MediationEvent => ({
      type: 'MediationDueDateExtended',
      data: { mediationId, previousDueOn, newDueOn, partiesConsented: true },
    }),
    reassigned: (previousMediatorIds: string[], mediatorIds: string[]): MediationEvent => ({
      type: 'MediationMediatorsReassigned',
      data: { mediationId, previousMediatorIds, mediatorIds },
    }),
    agreed: (effectiveOn = '2021-03-20', dueOn = '2021-04-01'): MediationEvent => ({
      type: 'MediationAgreementReached',
      data: { mediationId, ...facts, ...timing(dueOn, effectiveOn), form: 'written', effectiveOn, agreedAmountFen: 80_000 },
    }),
    terminated: (terminatedOn = '2021-03-25', dueOn = '2021-04-01'): MediationEvent => ({
      type: 'MediationTerminated',
      data: { mediationId, ...facts, ...timing(dueOn, terminatedOn), reason: 'no-agreement', terminatedOn },
    }),
    confirmationApplied: (appliedOn = '2021-03-25', effectiveOn = '2021-03-20'): MediationEvent => ({
      type: 'MediationJudicialConfirmationApplied',
      data: { mediationId, appliedOn, effectiveOn },
    }),
    overdue: (dueOn: string, markedOn: string): MediationEvent => ({ type: 'MediationOverdue', data: { mediationId, orgUnitId, dueOn, markedOn } }),
    performance: (recordedOn = '2021-04-15'): MediationEvent => ({ type: 'MediationPerformanceRecorded', data: { mediationId, performance: 'full', recordedOn } }),
    closed: (closedOn = '2021-04-20', concludedOn = '2021-03-20', outcome: 'agreed' | 'terminated' = 'agreed'): MediationEvent => ({
      type: 'MediationClosed',
      data: { mediationId, closedOn, outcome, concludedOn },
    }),
  };
};

export const workOrder = (workOrderId: string, hotlineUnitId: string, category: string | null = '11') => {
  const facts = (orgUnitId: string): WorkOrderFacts => ({ orgUnitId, class: 'complaint', category, urgent: false, createdAt: '2021-03-01T09:10:00+08:00' });
  const at = (day: string) => `${day}T10:00:00+08:00`;
  return {
    created: (assignToOrgUnitId: string): WorkOrderEvent => ({
      type: 'WorkOrderCreated',
      data: { ...facts(hotlineUnitId), workOrderId, callId: newId(), assignToOrgUnitId, createdOn: '2021-03-01' },
    }),
    assigned: (orgUnitId: string, day = '2021-03-01'): WorkOrderEvent => ({
      type: 'WorkOrderAssigned',
      data: { ...facts(orgUnitId), at: at(day), assignedOn: day, waitingSince: '2021-03-01T09:10:00+08:00' },
    }),
    acknowledged: (orgUnitId: string, day = '2021-03-02'): WorkOrderEvent => ({ type: 'WorkOrderAcknowledged', data: { ...facts(orgUnitId), at: at(day), acknowledgedOn: day } }),
    returned: (fromOrgUnitId: string, day = '2021-03-02'): WorkOrderEvent => ({
      type: 'WorkOrderReturned',
      data: { ...facts(hotlineUnitId), fromOrgUnitId, reason: 'not-our-jurisdiction', at: at(day), returnedOn: day },
    }),
    supervised: (orgUnitId: string, day = '2021-03-05'): WorkOrderEvent => ({
      type: 'WorkOrderSupervised',
      data: { ...facts(orgUnitId), reason: 'reply-overdue', status: 'acknowledged', at: at(day), supervisedOn: day },
    }),
    extended: (orgUnitId: string, day = '2021-03-03'): WorkOrderEvent => ({
      type: 'WorkOrderReplyDeadlineExtended',
      data: { ...facts(orgUnitId), workingDays: 10, at: at(day), extendedOn: day },
    }),
    replied: (orgUnitId: string, day = '2021-03-06'): WorkOrderEvent => ({
      type: 'WorkOrderReplied',
      data: { ...facts(orgUnitId), resultCode: 'resolved', at: at(day), repliedOn: day, assignedAt: at('2021-03-01'), replyLimitWorkingDays: null },
    }),
    visited: (orgUnitId: string, satisfaction: 'satisfied' | 'unsatisfied', day = '2021-03-08'): WorkOrderEvent => ({
      type: 'WorkOrderVisited',
      data: { ...facts(orgUnitId), satisfaction, at: at(day), visitedOn: day },
    }),
    reopened: (fromOrgUnitId: string, day = '2021-03-09'): WorkOrderEvent => ({
      type: 'WorkOrderReopened',
      data: { ...facts(hotlineUnitId), fromOrgUnitId, at: at(day), reopenedOn: day },
    }),
    closed: (orgUnitId: string, day = '2021-03-20'): WorkOrderEvent => ({
      type: 'WorkOrderClosed',
      data: { ...facts(orgUnitId), at: at(day), closedOn: day, withoutVisit: false },
    }),
  };
};

export const consultation = (consultationId: string, orgUnitId: string, category = '10', receivedOn = '2021-03-01') => {
  const facts = { consultationId, orgUnitId, category, receivedOn };
  return {
    opened: (): ConsultationEvent => ({
      type: 'ConsultationOpened',
      data: { ...facts, channel: 'visit', receivedAt: `${receivedOn}T10:00:00+08:00`, personsServed: 2, personId: 'a0000000-0000-4000-8000-000000000003', topicCode: null },
    }),
    answered: (answeredOn = receivedOn): ConsultationEvent => ({
      type: 'ConsultationAnswered',
      data: { ...facts, answeredAt: `${answeredOn}T11:00:00+08:00`, answeredOn },
    }),
    referred: (referredOn = receivedOn): ConsultationEvent => ({
      type: 'ConsultationReferred',
      data: { ...facts, target: 'legal-aid', targetOrgUnitId: null, mediationId: null, referredAt: `${referredOn}T11:00:00+08:00`, referredOn },
    }),
  };
};

export const hotlineCall = (callId: string, orgUnitId: string, offeredAt = '2021-03-01T22:10:00+08:00') => {
  const offeredOn = offeredAt.slice(0, 10);
  return {
    logged: (outcome: 'answered' | 'missed' | 'voicemail', category: string | null = null): HotlineCallEvent => ({
      type: 'HotlineCallLogged',
      data: {
        callId,
        orgUnitId,
        offeredAt,
        answeredAt: outcome === 'answered' ? offeredAt : null,
        endedAt: offeredAt,
        outcome,
        waitSeconds: 30,
        talkSeconds: 0,
        callerPersonId: 'a0000000-0000-4000-8000-000000000004',
        class: 'consultation',
        category,
        operatorId: null,
        offeredOn,
      },
    }),
    callback: (at: string, reached: boolean): HotlineCallEvent => ({ type: 'HotlineCallbackAttempted', data: { at, reached, offeredOn, orgUnitId } }),
    closed: (at: string): HotlineCallEvent => ({ type: 'HotlineCallClosed', data: { at, orgUnitId, offeredOn } }),
    overdue: (dueAt: string, at: string): HotlineCallEvent => ({ type: 'HotlineCallbackOverdue', data: { dueAt, at, offeredOn, orgUnitId } }),
  };
};

export const lecture = (lectureId: string, orgUnitId: string, plannedOn = '2021-05-20') => ({
  planned: (): LectureEvent => ({ type: 'LecturePlanned', data: { lectureId, orgUnitId, plannedOn, topic: '民法典进村入户' } }),
  held: (heldOn = plannedOn, attendees = 40): LectureEvent => ({ type: 'LectureHeld', data: { lectureId, orgUnitId, heldOn, attendees } }),
  cancelled: (): LectureEvent => ({ type: 'LectureCancelled', data: { lectureId, orgUnitId, plannedOn, reason: null } }),
});

export const id = (): string => newId();
