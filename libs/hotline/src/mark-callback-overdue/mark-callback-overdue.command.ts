import type { Command } from '@pls/event-sourcing';
import { instant, objectBody } from '../hotline.schema';
import { hotlineCallRoute } from '../hotline-call.record';

/**
 * Flags a missed or voicemail call whose caller was not reached by the
 * callback deadline. The deadline worker sends it; `dueAt` is the deadline
 * it fired for (a setting applied to the working-day calendar, which the
 * decider cannot know).
 */
export type MarkCallbackOverdue = Command<'MarkCallbackOverdue', { readonly dueAt: string; readonly at?: string }>;

export const markCallbackOverdueBody = objectBody({ dueAt: instant, at: instant }, ['dueAt']);

export const markCallbackOverdueRoute = hotlineCallRoute<MarkCallbackOverdue>({
  name: 'MarkCallbackOverdue',
  action: 'callback-overdue',
  summary: 'Flag a missed or voicemail call not called back by its deadline (the deadline worker sends it)',
  body: markCallbackOverdueBody,
  toCommand: ({ body, metadata }) => ({ type: 'MarkCallbackOverdue', data: { dueAt: body.dueAt, at: body.at }, metadata }),
});
