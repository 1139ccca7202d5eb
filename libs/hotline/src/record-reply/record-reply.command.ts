import type { Command } from '@pls/event-sourcing';
import { keysOf } from '@pls/reference';
import { objectBody, oneOf, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';
import { REPLY_RESULTS, type ReplyResult } from '../work-order.values';

export type RecordWorkOrderReply = Command<'RecordWorkOrderReply', { readonly resultCode?: ReplyResult; readonly at?: string }>;

export const recordReplyBody = objectBody({ resultCode: oneOf(keysOf(REPLY_RESULTS)), ...optionalAt });

export const recordReplyRoute = workOrderRoute<RecordWorkOrderReply>({
  name: 'RecordWorkOrderReply',
  action: 'reply',
  summary: 'Record the assigned unit\'s reply to the caller (办理结果)',
  body: recordReplyBody,
  toCommand: ({ body, metadata }) => ({ type: 'RecordWorkOrderReply', data: { resultCode: body.resultCode, at: body.at }, metadata }),
});
