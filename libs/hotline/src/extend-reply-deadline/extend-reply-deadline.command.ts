import type { Command } from '@pls/event-sourcing';
import { objectBody, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';

/** The longest reply limit an extension may set, in working days. */
export const MAX_REPLY_WORKING_DAYS = 15;

export type ExtendReplyDeadline = Command<'ExtendReplyDeadline', { readonly workingDays: number; readonly at?: string }>;

export const extendReplyDeadlineBody = objectBody(
  { workingDays: { type: 'integer', minimum: 1, maximum: MAX_REPLY_WORKING_DAYS }, ...optionalAt },
  ['workingDays'],
);

export const extendReplyDeadlineRoute = workOrderRoute<ExtendReplyDeadline>({
  name: 'ExtendReplyDeadline',
  action: 'extend',
  summary: `Extend the reply time limit, once, to at most ${MAX_REPLY_WORKING_DAYS} working days`,
  body: extendReplyDeadlineBody,
  toCommand: ({ body, metadata }) => ({ type: 'ExtendReplyDeadline', data: { workingDays: body.workingDays, at: body.at }, metadata }),
});
