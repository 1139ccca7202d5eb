import type { Command } from '@pls/event-sourcing';
import { shanghaiDate } from '@pls/reference';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate } from '../mediation.schemas';

/**
 * Flags an accepted mediation still in progress past the end of its due date.
 * The deadline worker sends it when the `mediation-due` deadline fires;
 * `dueOn` is the due date it fired for, so an extension that raced it wins.
 */
export type MarkMediationOverdue = Command<
  'MarkMediationOverdue',
  {
    readonly mediationId: string;
    readonly dueOn: string;
    /** The Asia/Shanghai date the command was issued on. */
    readonly markedOn: string;
  }
>;

export const markMediationOverdueRoute = mediationRoute<MarkMediationOverdue>({
  name: 'MarkMediationOverdue',
  action: 'overdue',
  summary: 'Flag a mediation still in progress after its due date (the deadline worker sends it)',
  body: body({ dueOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({
    type: 'MarkMediationOverdue',
    data: { mediationId: id, dueOn: body.dueOn, markedOn: shanghaiDate(metadata.now) },
    metadata,
  }),
});
