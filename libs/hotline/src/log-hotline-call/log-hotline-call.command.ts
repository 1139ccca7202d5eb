import type { Command } from '@pls/event-sourcing';
import { CALL_CLASSES, CALL_OUTCOMES, keysOf, type CallClass, type CallOutcome, type CategoryCode } from '@pls/reference';
import { category, instant, objectBody, oneOf, uuid } from '../hotline.schema';
import { hotlineCallRoute } from '../hotline-call.record';

export type LogHotlineCall = Command<
  'LogHotlineCall',
  {
    readonly callId: string;
    readonly orgUnitId: string;
    readonly offeredAt: string;
    readonly answeredAt?: string;
    readonly endedAt: string;
    readonly outcome: CallOutcome;
    readonly callerPersonId?: string;
    readonly class: CallClass;
    readonly category?: CategoryCode;
    readonly operatorId?: string;
  }
>;

export const logHotlineCallBody = objectBody(
  {
    id: uuid,
    orgUnitId: uuid,
    offeredAt: instant,
    answeredAt: instant,
    endedAt: instant,
    outcome: oneOf(keysOf(CALL_OUTCOMES)),
    callerPersonId: uuid,
    class: oneOf(keysOf(CALL_CLASSES)),
    category,
    operatorId: uuid,
  },
  ['orgUnitId', 'offeredAt', 'endedAt', 'outcome', 'class'],
);

export const logHotlineCallRoute = hotlineCallRoute<LogHotlineCall>({
  name: 'LogHotlineCall',
  action: null,
  summary: 'Log a 12348 call: answered, missed or voicemail',
  body: logHotlineCallBody,
  references: [
    { field: 'orgUnitId', kind: 'org-unit' },
    { field: 'callerPersonId', kind: 'person' },
    { field: 'operatorId', kind: 'user' },
  ],
  toCommand: ({ id, body, metadata }) => ({
    type: 'LogHotlineCall',
    data: {
      callId: id,
      orgUnitId: body.orgUnitId,
      offeredAt: body.offeredAt,
      answeredAt: body.answeredAt,
      endedAt: body.endedAt,
      outcome: body.outcome,
      callerPersonId: body.callerPersonId,
      class: body.class,
      category: body.category,
      operatorId: body.operatorId,
    },
    metadata,
  }),
});
