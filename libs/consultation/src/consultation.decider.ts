import { assertNever, type Decider } from '@pls/event-sourcing';
import { decideAnswerConsultation } from './answer-consultation/answer-consultation.decide';
import type { AnswerConsultation } from './answer-consultation/answer-consultation.command';
import type { ConsultationEvent } from './consultation.events';
import { evolveConsultation, initialConsultationState, type ConsultationState } from './consultation.state';
import { decideOpenConsultation } from './open-consultation/open-consultation.decide';
import type { OpenConsultation } from './open-consultation/open-consultation.command';
import { decideReferConsultation } from './refer-consultation/refer-consultation.decide';
import type { ReferConsultation } from './refer-consultation/refer-consultation.command';

export type ConsultationCommand = OpenConsultation | AnswerConsultation | ReferConsultation;

export const consultationDecider: Decider<ConsultationCommand, ConsultationEvent, ConsultationState> = {
  initialState: initialConsultationState,
  evolve: evolveConsultation,
  decide(command, state) {
    switch (command.type) {
      case 'OpenConsultation':
        return decideOpenConsultation(command, state);
      case 'AnswerConsultation':
        return decideAnswerConsultation(command, state);
      case 'ReferConsultation':
        return decideReferConsultation(command, state);
      default:
        return assertNever(command, 'consultation command');
    }
  },
};
