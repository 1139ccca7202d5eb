import type { RecordedEvent } from '@pls/event-store';
import {
  HOTLINE_CALL_STREAM,
  isUnsatisfied,
  WORK_ORDER_STREAM,
  type HotlineCallEvent,
  type SupervisionReason,
  type WorkOrderEvent,
} from '@pls/hotline';
import { MEDIATION_STREAM, type MediationEvent } from '@pls/mediation';
import { endOfShanghaiDay, startOfShanghaiDay, type WorkingCalendar } from '../calendar/working-calendar';
import { deadlineIdOf, type Deadline, type DeadlineKind, type DeadlineRecordType, type DeadlineStatus } from './deadline';
import type { DeadlineSettings } from './deadline-settings';
import { drawnForVisit } from './visit-sample';

const WORK_ORDER_TYPES = new Set<string>([
  'WorkOrderCreated',
  'WorkOrderAssigned',
  'WorkOrderReturned',
  'WorkOrderReplyDeadlineExtended',
  'WorkOrderReplied',
  'WorkOrderVisited',
  'WorkOrderReopened',
  'WorkOrderClosed',
  'WorkOrderSupervised',
] satisfies WorkOrderEvent['type'][]);
const MEDIATION_TYPES = new Set<string>([
  'MediationAccepted',
  'MediationDueDateExtended',
  'MediationAgreementReached',
  'MediationTerminated',
  'MediationClosed',
  'MediationOverdue',
] satisfies MediationEvent['type'][]);
const HOTLINE_CALL_TYPES = new Set<string>([
  'HotlineCallLogged',
  'HotlineCallbackAttempted',
  'HotlineCallClosed',
  'HotlineCallbackOverdue',
] satisfies HotlineCallEvent['type'][]);

/** The stream category each record type lives in. */
export const STREAM_CATEGORY_OF: Record<DeadlineRecordType, string> = {
  'work-order': WORK_ORDER_STREAM,
  mediation: MEDIATION_STREAM,
  'hotline-call': HOTLINE_CALL_STREAM,
};

const SUPERVISION_KIND: Record<SupervisionReason, DeadlineKind> = {
  'assign-overdue': 'work-order-assign',
  'reply-overdue': 'work-order-reply',
  'follow-up-overdue': 'work-order-follow-up',
  'visit-overdue': 'work-order-visit',
};

export interface DeadlineSubject {
  readonly recordType: DeadlineRecordType;
  readonly recordId: string;
}

/** The record an event opens, meets or fires deadlines of; `null` for events the rules do not read. */
export function deadlineSubjectOf(event: Pick<RecordedEvent, 'type' | 'stream'>): DeadlineSubject | null {
  const recordType: DeadlineRecordType | null = WORK_ORDER_TYPES.has(event.type)
    ? 'work-order'
    : MEDIATION_TYPES.has(event.type)
      ? 'mediation'
      : HOTLINE_CALL_TYPES.has(event.type)
        ? 'hotline-call'
        : null;
  if (recordType === null) return null;
  const prefix = `${STREAM_CATEGORY_OF[recordType]}-`;
  if (!event.stream.startsWith(prefix)) return null;
  return { recordType, recordId: event.stream.slice(prefix.length) };
}

/** The deadlines of one record, as the rules keep them; `changed` names the rows to write. */
export class RecordDeadlines {
  readonly changed = new Set<string>();
  readonly rows: Deadline[];

  constructor(
    readonly recordType: DeadlineRecordType,
    readonly recordId: string,
    rows: readonly Deadline[] = [],
  ) {
    this.rows = [...rows].sort((a, b) => a.createdPosition - b.createdPosition);
  }

  find(deadlineId: string): Deadline | undefined {
    return this.rows.find((r) => r.deadlineId === deadlineId);
  }

  latest(kind: DeadlineKind): Deadline | undefined {
    return this.rows.filter((r) => r.kind === kind).at(-1);
  }

  pending(kind?: DeadlineKind): Deadline[] {
    return this.rows.filter((r) => r.status === 'pending' && (kind === undefined || r.kind === kind));
  }

  open(row: Deadline): void {
    // Replaying an event already applied (a rebuild, a redelivered batch) opens nothing twice.
    if (this.find(row.deadlineId)) return;
    this.rows.push(row);
    this.changed.add(row.deadlineId);
  }

  close(row: Deadline, status: Exclude<DeadlineStatus, 'pending'>, at: string, position: number): void {
    if (row.status !== 'pending') return;
    row.status = status;
    row.closedAt = at;
    row.updatedPosition = position;
    this.changed.add(row.deadlineId);
  }

  closeAll(kind: DeadlineKind | undefined, status: Exclude<DeadlineStatus, 'pending'>, at: string, position: number): void {
    for (const row of this.pending(kind)) this.close(row, status, at, position);
  }
}

/** ISO instant in UTC, so instants compare as text. */
function utc(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}

/** When an event happened, for events that carry no instant (mediation dates are business days). */
function occurredAt(event: RecordedEvent): string {
  const issued = event.metadata['issuedAt'];
  return utc(typeof issued === 'string' ? issued : event.recordedAt);
}

/**
 * Derives deadlines from events, one record at a time. Pure: the calendar and
 * the settings are the only inputs besides the events, so the projection and
 * the job (re-checking the stream before it acts) reach the same rows.
 *
 * - work order: assigned within 1 working day (urgent: 1 clock hour) of
 *   creation, return or reopening; replied within 5 working days of the
 *   assignment (an extension sets its `workingDays`, at most 15, and holds
 *   for later assignments too, as the order's state does); an unsatisfied
 *   visit followed up (reopened) within 1 working day; a reply visited (回访)
 *   within `visitWorkingDays` when the order is drawn for a visit or was
 *   ever rated unsatisfied (`visitOwed`).
 * - mediation: concluded by the end of the due date (Asia/Shanghai), as
 *   extended; an extension opens a new deadline even after the old one fired.
 * - hotline call: a missed or voicemail caller reached by the end of the same
 *   working day (`callbackWorkingDays` = 0).
 */
export class DeadlineRules {
  constructor(
    private readonly calendar: WorkingCalendar,
    readonly settings: DeadlineSettings,
  ) {}

  apply(book: RecordDeadlines, event: RecordedEvent): void {
    switch (book.recordType) {
      case 'work-order':
        return this.workOrder(book, event, event as unknown as WorkOrderEvent);
      case 'mediation':
        return this.mediation(book, event, event as unknown as MediationEvent);
      case 'hotline-call':
        return this.hotlineCall(book, event, event as unknown as HotlineCallEvent);
    }
  }

  /** Replays a whole stream (the job's re-check). */
  replay(subject: DeadlineSubject, events: readonly RecordedEvent[]): RecordDeadlines {
    const book = new RecordDeadlines(subject.recordType, subject.recordId);
    for (const event of events) if (deadlineSubjectOf(event)) this.apply(book, event);
    return book;
  }

  private workOrder(book: RecordDeadlines, recorded: RecordedEvent, event: WorkOrderEvent): void {
    const position = recorded.position;
    const open = (kind: DeadlineKind, startedAt: string, dueAt: string, workingDays: number | null) =>
      book.open(this.row(book, recorded, kind, event.data.orgUnitId, startedAt, dueAt, workingDays));
    switch (event.type) {
      case 'WorkOrderCreated':
        return this.openAssign(open, event.data.createdAt, event.data.urgent);
      case 'WorkOrderAssigned': {
        const at = utc(event.data.at);
        book.closeAll('work-order-assign', 'met', at, position);
        const workingDays = this.extendedReplyDays(book) ?? this.settings.replyWorkingDays;
        return open('work-order-reply', at, this.calendar.workingDaysFrom(at, workingDays), workingDays);
      }
      case 'WorkOrderReturned': {
        book.closeAll('work-order-reply', 'cancelled', utc(event.data.at), position);
        return this.openAssign(open, event.data.at, event.data.urgent);
      }
      case 'WorkOrderReplyDeadlineExtended': {
        const current = book.latest('work-order-reply');
        if (!current || (current.status !== 'pending' && current.status !== 'fired')) return;
        book.close(current, 'cancelled', utc(event.data.at), position);
        const workingDays = Math.min(event.data.workingDays, this.settings.maxReplyWorkingDays);
        // The extended limit runs from the same assignment, not from the extension.
        return open('work-order-reply', current.startedAt, this.calendar.workingDaysFrom(current.startedAt, workingDays), workingDays);
      }
      case 'WorkOrderReplied': {
        const at = utc(event.data.at);
        book.closeAll('work-order-reply', 'met', at, position);
        if (!this.visitOwed(book)) return;
        // The hotline unit visits (回访): the unit the order was created at, not the one that replied.
        const hotlineUnit = book.rows.find((r) => r.basis === 'WorkOrderCreated')?.orgUnitId ?? event.data.orgUnitId;
        const workingDays = this.settings.visitWorkingDays;
        return book.open(this.row(book, recorded, 'work-order-visit', hotlineUnit, at, this.calendar.workingDaysFrom(at, workingDays), workingDays));
      }
      case 'WorkOrderVisited': {
        const at = utc(event.data.at);
        book.closeAll('work-order-visit', 'met', at, position);
        if (!isUnsatisfied(event.data.satisfaction)) return;
        const workingDays = this.settings.followUpWorkingDays;
        return open('work-order-follow-up', at, this.calendar.workingDaysFrom(at, workingDays), workingDays);
      }
      case 'WorkOrderReopened':
        book.closeAll('work-order-follow-up', 'met', utc(event.data.at), position);
        return this.openAssign(open, event.data.at, event.data.urgent);
      case 'WorkOrderClosed':
        return book.closeAll(undefined, 'cancelled', utc(event.data.at), position);
      case 'WorkOrderSupervised': {
        const at = utc(event.data.at);
        // A supervisor's early flag is not the deadline's: it fires only once due.
        for (const row of book.pending(SUPERVISION_KIND[event.data.reason])) if (row.dueAt <= at) book.close(row, 'fired', at, position);
        return;
      }
      default:
        return;
    }
  }

  private openAssign(open: (kind: DeadlineKind, startedAt: string, dueAt: string, workingDays: number | null) => void, since: string, urgent: boolean) {
    const startedAt = utc(since);
    if (urgent) return open('work-order-assign', startedAt, this.calendar.addWorkingHours(startedAt, this.settings.urgentAssignHours), null);
    const workingDays = this.settings.assignWorkingDays;
    return open('work-order-assign', startedAt, this.calendar.workingDaysFrom(startedAt, workingDays), workingDays);
  }

  /**
   * A reply is visited when the order is drawn (`visitSampleRate`, by a hash
   * of its id) or was ever rated unsatisfied: every unsatisfied rating is
   * followed up, and the reply to that follow-up is visited again.
   */
  visitOwed(book: RecordDeadlines): boolean {
    return drawnForVisit(book.recordId, this.settings.visitSampleRate) || book.rows.some((r) => r.kind === 'work-order-follow-up');
  }

  private extendedReplyDays(book: RecordDeadlines): number | null {
    return book.rows.filter((r) => r.kind === 'work-order-reply' && r.basis === 'WorkOrderReplyDeadlineExtended').at(-1)?.workingDays ?? null;
  }

  private mediation(book: RecordDeadlines, recorded: RecordedEvent, event: MediationEvent): void {
    const position = recorded.position;
    switch (event.type) {
      case 'MediationAccepted': {
        const { acceptedOn, dueOn, orgUnitId } = event.data;
        return book.open(this.row(book, recorded, 'mediation-due', orgUnitId, startOfShanghaiDay(acceptedOn), endOfShanghaiDay(dueOn), null));
      }
      case 'MediationDueDateExtended': {
        const current = book.latest('mediation-due');
        if (!current || (current.status !== 'pending' && current.status !== 'fired')) return;
        book.close(current, 'cancelled', occurredAt(recorded), position);
        return book.open(
          this.row(book, recorded, 'mediation-due', current.orgUnitId, current.startedAt, endOfShanghaiDay(event.data.newDueOn), null),
        );
      }
      case 'MediationAgreementReached':
      case 'MediationTerminated':
        return book.closeAll('mediation-due', 'met', occurredAt(recorded), position);
      case 'MediationClosed':
        return book.closeAll(undefined, 'cancelled', occurredAt(recorded), position);
      case 'MediationOverdue': {
        const dueAt = endOfShanghaiDay(event.data.dueOn);
        for (const row of book.pending('mediation-due')) if (row.dueAt === dueAt) book.close(row, 'fired', occurredAt(recorded), position);
        return;
      }
      default:
        return;
    }
  }

  private hotlineCall(book: RecordDeadlines, recorded: RecordedEvent, event: HotlineCallEvent): void {
    const position = recorded.position;
    switch (event.type) {
      case 'HotlineCallLogged': {
        const { outcome, offeredAt, orgUnitId } = event.data;
        if (outcome !== 'missed' && outcome !== 'voicemail') return;
        const workingDays = this.settings.callbackWorkingDays;
        const startedAt = utc(offeredAt);
        return book.open(this.row(book, recorded, 'callback', orgUnitId, startedAt, this.calendar.workingDaysFrom(startedAt, workingDays), workingDays));
      }
      case 'HotlineCallbackAttempted':
        if (event.data.reached) book.closeAll('callback', 'met', utc(event.data.at), position);
        return;
      case 'HotlineCallbackOverdue':
        return book.closeAll('callback', 'fired', utc(event.data.at), position);
      case 'HotlineCallClosed':
        return book.closeAll(undefined, 'cancelled', utc(event.data.at), position);
      default:
        return;
    }
  }

  private row(
    book: RecordDeadlines,
    recorded: RecordedEvent,
    kind: DeadlineKind,
    orgUnitId: string | null,
    startedAt: string,
    dueAt: string,
    workingDays: number | null,
  ): Deadline {
    return {
      deadlineId: deadlineIdOf(kind, book.recordId, recorded.version),
      kind,
      recordId: book.recordId,
      recordType: book.recordType,
      orgUnitId,
      basis: recorded.type,
      startedAt,
      dueAt,
      workingDays,
      status: 'pending',
      closedAt: null,
      createdPosition: recorded.position,
      updatedPosition: recorded.position,
    };
  }
}
