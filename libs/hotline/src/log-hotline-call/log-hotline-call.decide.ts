import { shanghaiDate } from '@pls/reference';
import { HotlineCallAlreadyExistsError, invalidCallValue } from '../hotline-call.errors';
import type { HotlineCallEvent } from '../hotline-call.events';
import type { HotlineCallState } from '../hotline-call.state';
import { elapsedSeconds, isBefore } from '../instants';
import type { LogHotlineCall } from './log-hotline-call.command';

export function decideLogHotlineCall(command: LogHotlineCall, state: HotlineCallState): HotlineCallEvent[] {
  if (state.status !== 'none') throw new HotlineCallAlreadyExistsError();
  const d = command.data;
  const answeredAt = answerInstant(d);
  if (isBefore(d.endedAt, answeredAt ?? d.offeredAt)) throw invalidCallValue.endedBeforeStart();
  return [
    {
      type: 'HotlineCallLogged',
      data: {
        callId: d.callId,
        orgUnitId: d.orgUnitId,
        offeredAt: d.offeredAt,
        answeredAt,
        endedAt: d.endedAt,
        outcome: d.outcome,
        // A call nobody answered waited until the caller hung up: its abandon time.
        waitSeconds: elapsedSeconds(d.offeredAt, answeredAt ?? d.endedAt),
        talkSeconds: answeredAt === null ? 0 : elapsedSeconds(answeredAt, d.endedAt),
        callerPersonId: d.callerPersonId ?? null,
        class: d.class,
        category: d.category ?? null,
        operatorId: d.operatorId ?? null,
        offeredOn: shanghaiDate(d.offeredAt),
      },
    },
  ];
}

/** `answeredAt` belongs to answered calls, and to them only, never before the offer. */
function answerInstant(d: LogHotlineCall['data']): string | null {
  if (d.outcome !== 'answered') {
    if (d.answeredAt !== undefined) throw invalidCallValue.answeredAtNotAllowed();
    return null;
  }
  if (d.answeredAt === undefined) throw invalidCallValue.answeredAtRequired();
  if (isBefore(d.answeredAt, d.offeredAt)) throw invalidCallValue.answeredBeforeOffered();
  return d.answeredAt;
}
