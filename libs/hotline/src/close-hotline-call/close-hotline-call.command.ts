import type { Command } from '@pls/event-sourcing';
import { instant, objectBody } from '../hotline.schema';
import { hotlineCallRoute } from '../hotline-call.record';

/** `at` defaults to the moment the command was issued. */
export type CloseHotlineCall = Command<'CloseHotlineCall', { readonly at?: string }>;

export const closeHotlineCallBody = objectBody({ at: instant });

export const closeHotlineCallRoute = hotlineCallRoute<CloseHotlineCall>({
  name: 'CloseHotlineCall',
  action: 'close',
  summary: 'Close an answered call that needs no work order',
  body: closeHotlineCallBody,
  toCommand: ({ body, metadata }) => ({ type: 'CloseHotlineCall', data: { at: body.at }, metadata }),
});
