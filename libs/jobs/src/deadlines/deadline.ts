/** Which time limit a deadline is. */
export const DEADLINE_KINDS = ['work-order-assign', 'work-order-reply', 'work-order-follow-up', 'work-order-visit', 'mediation-due', 'callback'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * `pending` until the record meets it (`met`), the job appends its
 * consequence (`fired`), or it no longer applies (`cancelled`: the order was
 * returned, the due date extended, the record closed).
 */
export type DeadlineStatus = 'pending' | 'met' | 'fired' | 'cancelled';

export type DeadlineRecordType = 'work-order' | 'mediation' | 'hotline-call';

/** One row of the `deadlines` read model. Instants are ISO-8601 strings in UTC (`toISOString`), so they sort as text. */
export interface Deadline {
  /**
   * `<kind>.<recordId>.<n>`, n the stream version of the event that opened
   * it: the same on every rebuild, and the BullMQ job id (which must not
   * contain `:`).
   */
  readonly deadlineId: string;
  readonly kind: DeadlineKind;
  readonly recordId: string;
  readonly recordType: DeadlineRecordType;
  readonly orgUnitId: string | null;
  /** The event type that opened it (`WorkOrderReturned`, `MediationDueDateExtended` …). */
  readonly basis: string;
  /** When the time limit started to run. */
  readonly startedAt: string;
  readonly dueAt: string;
  /** The limit in working days, when it is counted in working days. */
  readonly workingDays: number | null;
  status: DeadlineStatus;
  /** When it was met, fired or cancelled. */
  closedAt: string | null;
  /** Global position of the event that opened it. */
  readonly createdPosition: number;
  /** Global position of the event that last changed it (the enqueuer follows this). */
  updatedPosition: number;
}

export function deadlineIdOf(kind: DeadlineKind, recordId: string, openedAtVersion: number): string {
  return `${kind}.${recordId}.${openedAtVersion}`;
}

export function parseDeadlineId(deadlineId: string): { kind: DeadlineKind; recordId: string; version: number } | null {
  const m = /^([a-z-]+)\.([^.]+)\.(\d+)$/.exec(deadlineId);
  if (!m || !(DEADLINE_KINDS as readonly string[]).includes(m[1]!)) return null;
  return { kind: m[1] as DeadlineKind, recordId: m[2]!, version: Number(m[3]) };
}

export const RECORD_TYPE_OF: Record<DeadlineKind, DeadlineRecordType> = {
  'work-order-assign': 'work-order',
  'work-order-reply': 'work-order',
  'work-order-follow-up': 'work-order',
  'work-order-visit': 'work-order',
  'mediation-due': 'mediation',
  callback: 'hotline-call',
};
