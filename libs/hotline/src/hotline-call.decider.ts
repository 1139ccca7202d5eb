import { assertNever, type Decider } from '@pls/event-sourcing';
import type { HotlineCallEvent } from './hotline-call.events';
import { evolveHotlineCall, initialHotlineCallState, type HotlineCallState } from './hotline-call.state';
import { decideCloseHotlineCall } from './close-hotline-call/close-hotline-call.decide';
import type { CloseHotlineCall } from './close-hotline-call/close-hotline-call.command';
import { decideHandOverCall } from './hand-over-call/hand-over-call.decide';
import type { HandOverCall } from './hand-over-call/hand-over-call.command';
import { decideLogHotlineCall } from './log-hotline-call/log-hotline-call.decide';
import type { LogHotlineCall } from './log-hotline-call/log-hotline-call.command';
import { decideMarkCallbackOverdue } from './mark-callback-overdue/mark-callback-overdue.decide';
import type { MarkCallbackOverdue } from './mark-callback-overdue/mark-callback-overdue.command';
import { decideRecordCallback } from './record-callback/record-callback.decide';
import type { RecordCallback } from './record-callback/record-callback.command';

export type HotlineCallCommand = LogHotlineCall | RecordCallback | HandOverCall | CloseHotlineCall | MarkCallbackOverdue;

export const hotlineCallDecider: Decider<HotlineCallCommand, HotlineCallEvent, HotlineCallState> = {
  initialState: initialHotlineCallState,
  decide(command, state) {
    switch (command.type) {
      case 'LogHotlineCall':
        return decideLogHotlineCall(command, state);
      case 'RecordCallback':
        return decideRecordCallback(command, state);
      case 'HandOverCall':
        return decideHandOverCall(command, state);
      case 'CloseHotlineCall':
        return decideCloseHotlineCall(command, state);
      case 'MarkCallbackOverdue':
        return decideMarkCallbackOverdue(command, state);
      default:
        return assertNever(command, 'hotline-call command');
    }
  },
  evolve: evolveHotlineCall,
};
