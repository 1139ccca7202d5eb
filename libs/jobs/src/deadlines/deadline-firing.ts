import { deterministicId, DomainError, streamName } from '@pls/event-sourcing';
import { ConcurrencyError, type EventStore, type RecordedEvent } from '@pls/event-store';
import { HOTLINE_CALLS, WORK_ORDERS, type SupervisionReason } from '@pls/hotline';
import { MEDIATIONS } from '@pls/mediation';
import { shanghaiDate } from '@pls/reference';
import type { Clock } from '../clock';
import { parseDeadlineId, RECORD_TYPE_OF, type Deadline, type DeadlineKind } from './deadline';
import { STREAM_CATEGORY_OF, type DeadlineRules } from './deadline-rules';

/** A command the deadline job appends: the same route, validation and decider as over HTTP. */
export interface ConsequenceRequest {
  readonly collection: string;
  readonly action: string;
  readonly id: string;
  readonly body: Record<string, unknown>;
  /** Derived from the deadline id: a redelivered job appends nothing twice. */
  readonly commandId: string;
  readonly now: string;
  /**
   * The record's stream as the firing just read it, the deadline found due on
   * it: the command is decided on these events without reading them again,
   * and appended only if the stream is still at their version — else the
   * store's `ConcurrencyError`, and the firing looks again.
   */
  readonly history?: readonly RecordedEvent[];
}

/** The write side as the jobs see it (the API's `CommandExecutor`, adapted by the composition root). */
export interface ConsequencePort {
  execute(request: ConsequenceRequest): Promise<{ readonly position: number }>;
}

/**
 * The command route refused (validation, not found, a lifecycle rule): the
 * adapter of `ConsequencePort` throws this for anything that is the request's
 * fault rather than the system's, so the job does not retry it.
 */
export class ConsequenceRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConsequenceRefusedError';
  }
}

/** The record refused the consequence while the deadline still looks due: retrying cannot help (BullMQ: `UnrecoverableError`). */
export class DeadlineRefusedError extends Error {
  constructor(
    readonly deadlineId: string,
    readonly code: string,
    message: string,
  ) {
    super(`deadline ${deadlineId}: ${message} (${code})`);
    this.name = 'DeadlineRefusedError';
  }
}

export type FireOutcome =
  /** The consequence was appended now (or had been by an earlier attempt: `repeated`). */
  | { readonly outcome: 'fired'; readonly deadlineId: string; readonly position: number }
  /** Nothing to do: the record met it, it was cancelled or fired before, or there is no such deadline. */
  | { readonly outcome: 'settled'; readonly deadlineId: string; readonly status: Deadline['status'] | 'unknown' }
  /** Not due yet by the clock (a job delivered early, or the due time moved): try again at `dueAt`. */
  | { readonly outcome: 'not-due'; readonly deadlineId: string; readonly dueAt: string };

/** Reads of the record when it keeps moving between the read and the append; then the job's back-off takes over. */
const CONFLICT_ATTEMPTS = 5;

const SUPERVISION_REASON: Partial<Record<DeadlineKind, SupervisionReason>> = {
  'work-order-assign': 'assign-overdue',
  'work-order-reply': 'reply-overdue',
  'work-order-follow-up': 'follow-up-overdue',
  'work-order-visit': 'visit-overdue',
};

/** What to append when a deadline of each kind fires. */
export function consequenceOf(deadline: Deadline, now: Date): Omit<ConsequenceRequest, 'commandId'> {
  const base = { id: deadline.recordId, now: now.toISOString() };
  switch (deadline.kind) {
    case 'work-order-assign':
    case 'work-order-reply':
    case 'work-order-follow-up':
    case 'work-order-visit':
      return { ...base, collection: WORK_ORDERS, action: 'supervise', body: { reason: SUPERVISION_REASON[deadline.kind]! } };
    case 'mediation-due':
      // The deadline is the end of the due date: the Shanghai date just before it.
      return { ...base, collection: MEDIATIONS, action: 'overdue', body: { dueOn: shanghaiDate(new Date(Date.parse(deadline.dueAt) - 1)) } };
    case 'callback':
      return { ...base, collection: HOTLINE_CALLS, action: 'callback-overdue', body: { dueAt: deadline.dueAt } };
  }
}

export function isRefusal(error: unknown): error is DomainError | ConsequenceRefusedError {
  return error instanceof DomainError || error instanceof ConsequenceRefusedError;
}

/**
 * The one handler behind both schedulers (BullMQ and in-process): re-read the
 * record's stream, replay the rules, and append the consequence only if the
 * deadline is still pending and due — with a command id derived from the
 * deadline id, so a job run twice (redelivery, a crash after the append, a
 * reconcile after FLUSHALL) appends once.
 */
export class DeadlineFiring {
  constructor(
    private readonly store: EventStore,
    private readonly rules: DeadlineRules,
    private readonly consequences: ConsequencePort,
    private readonly clock: Clock,
    /** Test seam: runs after the consequence was appended, before the job completes (a crash there must not double it). */
    private readonly afterAppend: (deadlineId: string) => Promise<void> | void = () => undefined,
  ) {}

  /** The deadline as the record's stream has it now (`null`: no such deadline). */
  async current(deadlineId: string): Promise<Deadline | null> {
    return (await this.read(deadlineId)).deadline;
  }

  /** The record's stream and the deadline as it has it (`null`: no such deadline). */
  private async read(deadlineId: string): Promise<{ deadline: Deadline | null; events: readonly RecordedEvent[] }> {
    const parsed = parseDeadlineId(deadlineId);
    if (!parsed) return { deadline: null, events: [] };
    const recordType = RECORD_TYPE_OF[parsed.kind];
    const events = await this.store.readStream(streamName(STREAM_CATEGORY_OF[recordType], parsed.recordId));
    return { deadline: this.rules.replay({ recordType, recordId: parsed.recordId }, events).find(deadlineId) ?? null, events };
  }

  /**
   * One read of the record's stream per attempt: the deadline is checked on
   * it and the consequence decided on the same events, appended at their
   * version. A record that moved in between (a conflict) is read again.
   */
  async fire(deadlineId: string): Promise<FireOutcome> {
    for (let attempt = 1; ; attempt++) {
      const { deadline, events } = await this.read(deadlineId);
      if (!deadline || deadline.status !== 'pending') return { outcome: 'settled', deadlineId, status: deadline?.status ?? 'unknown' };
      const now = this.clock.now();
      if (Date.parse(deadline.dueAt) > now.getTime()) return { outcome: 'not-due', deadlineId, dueAt: deadline.dueAt };

      const request = { ...consequenceOf(deadline, now), commandId: deterministicId('deadline', deadlineId), history: events };
      try {
        const { position } = await this.consequences.execute(request);
        await this.afterAppend(deadlineId);
        return { outcome: 'fired', deadlineId, position };
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < CONFLICT_ATTEMPTS) continue;
        if (!isRefusal(error)) throw error;
        return this.refused(deadlineId, error);
      }
    }
  }

  private async refused(deadlineId: string, error: DomainError | ConsequenceRefusedError): Promise<FireOutcome> {
    // Refused: if the record has moved on meanwhile (closed, met) that is quietly done; else retrying cannot help.
    const again = await this.current(deadlineId);
    if (!again || again.status !== 'pending') return { outcome: 'settled', deadlineId, status: again?.status ?? 'unknown' };
    throw new DeadlineRefusedError(deadlineId, error.code, error.message);
  }
}
