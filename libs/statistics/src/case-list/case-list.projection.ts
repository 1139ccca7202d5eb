import type { ConsultationEvent } from '@pls/consultation';
import { assertNever } from '@pls/event-sourcing';
import type { RecordedEvent } from '@pls/event-store';
import type { HotlineCallEvent, WorkOrderEvent } from '@pls/hotline';
import type { MediationEvent } from '@pls/mediation';
import type { OrgUnitEvent, OrgUnitMoved } from '@pls/org';
import type { LectureEvent } from '@pls/outreach';
import type { Projection } from '@pls/read-model';
import { shanghaiDate } from '@pls/reference';
import type { EntityManager } from 'typeorm';
import { CASE_ASSIGNEES_TABLE, CASE_COLUMNS, CASE_LIST_TABLE, CASE_UNITS_TABLE, type CaseRecordType, type CaseRow } from './case-list.row';

type Family = CaseRecordType | 'org';

// Records list every type of their union, so a new event type is a compile error until it is placed here.
const MEDIATION_TYPES: Record<MediationEvent['type'], Family> = {
  MediationRegistered: 'mediation',
  MediationRejected: 'mediation',
  MediationAccepted: 'mediation',
  MediationSessionRecorded: 'mediation',
  MediationAgreementReached: 'mediation',
  MediationTerminated: 'mediation',
  MediationDueDateExtended: 'mediation',
  MediationMediatorsReassigned: 'mediation',
  MediationJudicialConfirmationApplied: 'mediation',
  MediationJudicialConfirmationDecided: 'mediation',
  MediationPerformanceRecorded: 'mediation',
  MediationClosed: 'mediation',
  MediationOverdue: 'mediation',
};
const WORK_ORDER_TYPES: Record<WorkOrderEvent['type'], Family> = {
  WorkOrderCreated: 'work-order',
  WorkOrderAssigned: 'work-order',
  WorkOrderAcknowledged: 'work-order',
  WorkOrderReturned: 'work-order',
  WorkOrderReplyDeadlineExtended: 'work-order',
  WorkOrderReplied: 'work-order',
  WorkOrderVisited: 'work-order',
  WorkOrderReopened: 'work-order',
  WorkOrderClosed: 'work-order',
  WorkOrderSupervised: 'work-order',
};
const CONSULTATION_TYPES: Record<ConsultationEvent['type'], Family> = {
  ConsultationOpened: 'consultation',
  ConsultationAnswered: 'consultation',
  ConsultationReferred: 'consultation',
};
const HOTLINE_CALL_TYPES: Record<HotlineCallEvent['type'], Family> = {
  HotlineCallLogged: 'hotline-call',
  HotlineCallbackAttempted: 'hotline-call',
  HotlineCallHandedOver: 'hotline-call',
  HotlineCallClosed: 'hotline-call',
  HotlineCallbackOverdue: 'hotline-call',
};
const LECTURE_TYPES: Record<LectureEvent['type'], Family> = { LecturePlanned: 'lecture', LectureHeld: 'lecture', LectureCancelled: 'lecture' };
const ORG_TYPES: Record<OrgUnitEvent['type'], Family> = { OrgUnitRegistered: 'org', OrgUnitRenamed: 'org', OrgUnitMoved: 'org', OrgUnitClosed: 'org' };

const FAMILY: ReadonlyMap<string, Family> = new Map(
  Object.entries({ ...MEDIATION_TYPES, ...WORK_ORDER_TYPES, ...CONSULTATION_TYPES, ...HOTLINE_CALL_TYPES, ...LECTURE_TYPES, ...ORG_TYPES }),
);

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

/**
 * `case_list`: the work queue (what a legal worker opens every morning). One
 * row per mediation, work order, consultation, missed call awaiting a callback
 * and lecture; every lifecycle event updates it, and concluded records stay
 * (`open = 0`) so "my closed cases" can be listed. Summary fields only: ids,
 * codes, dates, counts — never a name, number or narrative (PIPL).
 *
 * Unit paths are the tree as it stands now (a moved village's cases follow
 * it, unlike the statistics). The projection keeps its own copy of the paths
 * (`case_list_units`) from the org events it reads in the same log order, so
 * a rebuild gives the same rows whatever the org-tree projection's progress.
 *
 * A batch loads the rows it touches once, folds its events in memory and
 * writes each changed row once (multi-row upserts).
 */
export const caseListProjection: Projection = {
  name: 'case-list',
  tables: [CASE_LIST_TABLE, CASE_ASSIGNEES_TABLE, CASE_UNITS_TABLE],
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const relevant = events.filter((e) => FAMILY.has(e.type));
    if (relevant.length === 0) return;
    const batch = new CaseListBatch(tx);
    await batch.load(relevant);
    for (const event of relevant) await batch.apply(event);
    await batch.flush();
  },
};

/** `<category>-<id>`: work-order and call events after the first do not repeat their record's id. */
function recordIdOf(stream: string): string {
  return stream.slice(stream.indexOf('-') + 1);
}

function orgUnitIdOf(data: unknown): string | null {
  const id = (data as { orgUnitId?: unknown } | null)?.orgUnitId;
  return typeof id === 'string' ? id : null;
}

class CaseListBatch {
  private readonly rows = new Map<string, CaseRow>();
  private readonly dirty = new Set<string>();
  private readonly assigneesChanged = new Set<string>();
  private readonly paths = new Map<string, string>();

  constructor(private readonly tx: EntityManager) {}

  /** Loads the rows and unit paths the batch will need, one query per chunk. */
  async load(events: readonly RecordedEvent[]): Promise<void> {
    const recordIds = new Set<string>();
    const unitIds = new Set<string>();
    for (const e of events) {
      const unit = orgUnitIdOf(e.data);
      if (FAMILY.get(e.type) === 'org') continue;
      recordIds.add(recordIdOf(e.stream));
      if (unit) unitIds.add(unit);
    }
    for (const ids of chunks([...recordIds])) {
      const found = await this.tx
        .createQueryBuilder()
        .select(CASE_COLUMNS.map((c) => `c.${c} AS ${c}`))
        .from(CASE_LIST_TABLE, 'c')
        .where('c.record_id IN (:...ids)', { ids })
        .getRawMany<CaseRow>();
      for (const row of found) {
        this.rows.set(row.record_id, { ...row, open: Number(row.open), supervised: Number(row.supervised), updated_position: Number(row.updated_position) });
      }
    }
    await this.loadPaths([...unitIds]);
  }

  async apply(recorded: RecordedEvent): Promise<void> {
    const family = FAMILY.get(recorded.type)!;
    const event = { type: recorded.type, data: recorded.data };
    switch (family) {
      case 'org':
        return this.org(event as OrgUnitEvent);
      case 'mediation':
        return this.mediation(event as MediationEvent, recorded);
      case 'work-order':
        return this.workOrder(event as WorkOrderEvent, recorded);
      case 'consultation':
        return this.consultation(event as ConsultationEvent, recorded);
      case 'hotline-call':
        return this.hotlineCall(event as HotlineCallEvent, recorded);
      case 'lecture':
        return this.lecture(event as LectureEvent, recorded);
      default:
        return assertNever(family, 'case-list family');
    }
  }

  // ---- records --------------------------------------------------------------

  private async mediation(event: MediationEvent, recorded: RecordedEvent): Promise<void> {
    if (event.type === 'MediationRegistered') {
      const d = event.data;
      return this.create(recorded, {
        record_type: 'mediation',
        unit_id: d.orgUnitId,
        status: 'registered',
        category: d.category,
        kind: d.kind,
        opened_on: d.registeredOn,
        due_on: null,
      });
    }
    const row = this.existing(recorded);
    if (!row) return;
    switch (event.type) {
      case 'MediationRejected':
        Object.assign(row, { status: 'rejected', open: 0, concluded_on: event.data.rejectedOn });
        break;
      case 'MediationAccepted':
        Object.assign(row, { status: 'accepted', due_on: event.data.dueOn });
        this.assign(row, event.data.mediatorIds);
        break;
      case 'MediationSessionRecorded':
        row.status = 'in-session';
        break;
      case 'MediationAgreementReached':
        // 调结 on the agreement's effective date; follow-up and filing remain, but the case is concluded.
        Object.assign(row, { status: 'agreed', open: 0, concluded_on: event.data.effectiveOn, due_on: event.data.dueOn });
        break;
      case 'MediationTerminated':
        Object.assign(row, { status: 'terminated', open: 0, concluded_on: event.data.terminatedOn, due_on: event.data.dueOn });
        break;
      case 'MediationDueDateExtended':
        row.due_on = event.data.newDueOn;
        break;
      case 'MediationMediatorsReassigned':
        this.assign(row, event.data.mediatorIds);
        break;
      case 'MediationJudicialConfirmationApplied':
      case 'MediationJudicialConfirmationDecided':
        break;
      case 'MediationPerformanceRecorded':
        row.status = 'performing';
        break;
      case 'MediationClosed':
        Object.assign(row, { status: 'closed', open: 0, concluded_on: event.data.concludedOn });
        break;
      case 'MediationOverdue':
        // The deadline worker's flag is the mediation's 督办: counted like a work order's supervision.
        row.supervised += 1;
        break;
      default:
        return assertNever(event, 'mediation event');
    }
    this.touch(row, recorded);
  }

  private async workOrder(event: WorkOrderEvent, recorded: RecordedEvent): Promise<void> {
    if (event.type === 'WorkOrderCreated') {
      const d = event.data;
      // The reply deadline is a number of working days (holiday calendar) that no event states as a date.
      return this.create(recorded, {
        record_type: 'work-order',
        unit_id: d.orgUnitId,
        status: 'created',
        category: d.category,
        kind: d.class,
        opened_on: d.createdOn,
        due_on: null,
      });
    }
    const row = this.existing(recorded);
    if (!row) return;
    // Every work-order event names the unit responsible once it has happened.
    await this.moveRow(row, event.data.orgUnitId);
    switch (event.type) {
      case 'WorkOrderAssigned':
        row.status = 'assigned';
        break;
      case 'WorkOrderAcknowledged':
        row.status = 'acknowledged';
        break;
      case 'WorkOrderReturned':
        row.status = 'returned';
        break;
      case 'WorkOrderReplyDeadlineExtended':
        break;
      case 'WorkOrderReplied':
        row.status = 'replied';
        break;
      case 'WorkOrderVisited':
        row.status = 'visited';
        break;
      case 'WorkOrderReopened':
        Object.assign(row, { status: 'reopened', open: 1, concluded_on: null });
        break;
      case 'WorkOrderClosed':
        Object.assign(row, { status: 'closed', open: 0, concluded_on: event.data.closedOn });
        break;
      case 'WorkOrderSupervised':
        row.supervised += 1;
        break;
      default:
        return assertNever(event, 'work-order event');
    }
    this.touch(row, recorded);
  }

  private async consultation(event: ConsultationEvent, recorded: RecordedEvent): Promise<void> {
    if (event.type === 'ConsultationOpened') {
      const d = event.data;
      return this.create(recorded, {
        record_type: 'consultation',
        unit_id: d.orgUnitId,
        status: 'opened',
        category: d.category,
        kind: d.channel,
        opened_on: d.receivedOn,
        due_on: null,
      });
    }
    const row = this.existing(recorded);
    if (!row) return;
    switch (event.type) {
      case 'ConsultationAnswered':
        Object.assign(row, { status: 'answered', open: 0, concluded_on: event.data.answeredOn });
        break;
      case 'ConsultationReferred':
        Object.assign(row, { status: 'referred', open: 0, concluded_on: event.data.referredOn });
        break;
      default:
        return assertNever(event, 'consultation event');
    }
    this.touch(row, recorded);
  }

  /** Only calls the hotline owes a callback: missed ones and voicemails (answered calls are handled on the spot). */
  private async hotlineCall(event: HotlineCallEvent, recorded: RecordedEvent): Promise<void> {
    if (event.type === 'HotlineCallLogged') {
      const d = event.data;
      if (d.outcome === 'answered') return;
      // The callback is due the same day the call was offered.
      return this.create(recorded, {
        record_type: 'hotline-call',
        unit_id: d.orgUnitId,
        status: d.outcome,
        category: d.category,
        kind: d.class,
        opened_on: d.offeredOn,
        due_on: d.offeredOn,
      });
    }
    const row = this.existing(recorded);
    if (!row) return;
    switch (event.type) {
      case 'HotlineCallbackAttempted':
        // An unreached caller may be tried again: the call stays in the queue until a callback reaches them.
        if (event.data.reached) Object.assign(row, { status: 'reached', open: 0, concluded_on: shanghaiDate(event.data.at) });
        else row.status = 'callback-attempted';
        break;
      case 'HotlineCallbackOverdue':
        // The deadline worker's flag: the call stays where it is, one more mark against it.
        row.supervised += 1;
        break;
      case 'HotlineCallHandedOver':
      case 'HotlineCallClosed':
        // Answered calls only; none of them is in the list.
        return;
      default:
        return assertNever(event, 'hotline-call event');
    }
    this.touch(row, recorded);
  }

  private async lecture(event: LectureEvent, recorded: RecordedEvent): Promise<void> {
    if (event.type === 'LecturePlanned') {
      const d = event.data;
      return this.create(recorded, {
        record_type: 'lecture',
        unit_id: d.orgUnitId,
        status: 'planned',
        category: null,
        kind: null,
        opened_on: d.plannedOn,
        due_on: d.plannedOn,
      });
    }
    const row = this.existing(recorded);
    if (!row) return;
    switch (event.type) {
      case 'LectureHeld':
        Object.assign(row, { status: 'held', open: 0, concluded_on: event.data.heldOn });
        break;
      case 'LectureCancelled':
        Object.assign(row, { status: 'cancelled', open: 0 });
        break;
      default:
        return assertNever(event, 'lecture event');
    }
    this.touch(row, recorded);
  }

  private async create(
    recorded: RecordedEvent,
    fields: Pick<CaseRow, 'record_type' | 'unit_id' | 'status' | 'category' | 'kind' | 'opened_on' | 'due_on'>,
  ): Promise<void> {
    const recordId = recordIdOf(recorded.stream);
    const had = this.rows.get(recordId);
    const row: CaseRow = {
      record_id: recordId,
      ...fields,
      unit_path: await this.pathOf(fields.unit_id),
      assignee_ids: null,
      concluded_on: null,
      open: 1,
      supervised: 0,
      updated_position: recorded.position,
    };
    this.rows.set(recordId, row);
    if (had?.assignee_ids) this.assigneesChanged.add(recordId);
    this.dirty.add(recordId);
  }

  private existing(recorded: RecordedEvent): CaseRow | undefined {
    return this.rows.get(recordIdOf(recorded.stream));
  }

  private touch(row: CaseRow, recorded: RecordedEvent): void {
    row.updated_position = recorded.position;
    this.dirty.add(row.record_id);
  }

  private assign(row: CaseRow, assigneeIds: readonly string[]): void {
    row.assignee_ids = JSON.stringify([...assigneeIds]);
    this.assigneesChanged.add(row.record_id);
  }

  private async moveRow(row: CaseRow, unitId: string): Promise<void> {
    if (row.unit_id === unitId) return;
    row.unit_id = unitId;
    row.unit_path = await this.pathOf(unitId);
  }

  // ---- org paths ------------------------------------------------------------

  private async org(event: OrgUnitEvent): Promise<void> {
    switch (event.type) {
      case 'OrgUnitRegistered': {
        const { orgUnitId, parentId } = event.data;
        const parentPath = parentId ? ((await this.knownPath(parentId)) ?? '/') : '/';
        const path = `${parentPath}${orgUnitId}/`;
        await this.tx.createQueryBuilder().insert().into(CASE_UNITS_TABLE).values({ id: orgUnitId, path }).orIgnore().execute();
        this.paths.delete(orgUnitId);
        return;
      }
      case 'OrgUnitMoved':
        return this.moveUnit(event);
      case 'OrgUnitRenamed':
      case 'OrgUnitClosed':
        // A closed unit's records stay where they are; a name is not in the list.
        return;
      default:
        return assertNever(event, 'org-unit event');
    }
  }

  /** The unit and its subtree get their new paths, and so do the records in them (the tree as it stands now). */
  private async moveUnit(event: OrgUnitMoved): Promise<void> {
    const { orgUnitId, toParentId } = event.data;
    const oldPath = await this.knownPath(orgUnitId);
    const parentPath = await this.knownPath(toParentId);
    if (oldPath === null || parentPath === null) return;
    const newPath = `${parentPath}${orgUnitId}/`;
    if (newPath === oldPath) return;
    // Rows changed earlier in this batch must be in the table before the set-based rewrite.
    await this.flush();
    const parameters = { newPath, tail: oldPath.length + 1, prefix: `${oldPath}%` };
    await this.tx
      .createQueryBuilder()
      .update(CASE_UNITS_TABLE)
      .set({ path: () => ':newPath || substr(path, :tail)' })
      .where('path LIKE :prefix')
      .setParameters(parameters)
      .execute();
    await this.tx
      .createQueryBuilder()
      .update(CASE_LIST_TABLE)
      .set({ unit_path: () => ':newPath || substr(unit_path, :tail)' })
      .where('unit_path LIKE :prefix')
      .setParameters(parameters)
      .execute();
    for (const row of this.rows.values()) {
      if (row.unit_path.startsWith(oldPath)) row.unit_path = newPath + row.unit_path.slice(oldPath.length);
    }
    this.paths.clear();
  }

  private async loadPaths(unitIds: readonly string[]): Promise<void> {
    for (const ids of chunks(unitIds.filter((id) => !this.paths.has(id)))) {
      const found = await this.tx
        .createQueryBuilder()
        .select(['u.id AS id', 'u.path AS path'])
        .from(CASE_UNITS_TABLE, 'u')
        .where('u.id IN (:...ids)', { ids })
        .getRawMany<{ id: string; path: string }>();
      for (const { id, path } of found) this.paths.set(id, path);
    }
  }

  private async knownPath(unitId: string): Promise<string | null> {
    if (!this.paths.has(unitId)) await this.loadPaths([unitId]);
    return this.paths.get(unitId) ?? null;
  }

  /** A unit the log never registered still gets a path of its own, so its records can be listed under it. */
  private async pathOf(unitId: string): Promise<string> {
    return (await this.knownPath(unitId)) ?? `/${unitId}/`;
  }

  // ---- writes ---------------------------------------------------------------

  async flush(): Promise<void> {
    // Raw multi-row inserts take their columns from the first row: every row lists them in one order.
    const rows = [...this.dirty].map((id) => {
      const row = this.rows.get(id)!;
      return Object.fromEntries(CASE_COLUMNS.map((c) => [c, row[c]]));
    });
    const updatable = CASE_COLUMNS.filter((c) => c !== 'record_id');
    for (const part of chunks(rows)) {
      await this.tx.createQueryBuilder().insert().into(CASE_LIST_TABLE).values(part).orUpdate(updatable, ['record_id']).execute();
    }
    const reassigned = [...this.assigneesChanged];
    for (const ids of chunks(reassigned)) {
      await this.tx.createQueryBuilder().delete().from(CASE_ASSIGNEES_TABLE).where('record_id IN (:...ids)', { ids }).execute();
    }
    const pairs = reassigned.flatMap((recordId) => {
      const json = this.rows.get(recordId)?.assignee_ids;
      const ids = json ? [...new Set(JSON.parse(json) as string[])] : [];
      return ids.map((assignee_id) => ({ record_id: recordId, assignee_id }));
    });
    for (const part of chunks(pairs)) {
      await this.tx.createQueryBuilder().insert().into(CASE_ASSIGNEES_TABLE).values(part).execute();
    }
    this.dirty.clear();
    this.assigneesChanged.clear();
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
