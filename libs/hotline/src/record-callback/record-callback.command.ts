import type { Command } from '@pls/event-sourcing';
import { instant, objectBody } from '../hotline.schema';
import { hotlineCallRoute } from '../hotline-call.record';

export type RecordCallback = Command<'RecordCallback', { readonly at: string; readonly reached: boolean }>;

export const recordCallbackBody = objectBody({ at: instant, reached: { type: 'boolean' } }, ['at', 'reached']);

export const recordCallbackRoute = hotlineCallRoute<RecordCallback>({
  name: 'RecordCallback',
  action: 'callback',
  summary: 'Record a callback attempt to a missed or voicemail caller',
  body: recordCallbackBody,
  toCommand: ({ body, metadata }) => ({ type: 'RecordCallback', data: { at: body.at, reached: body.reached }, metadata }),
});
