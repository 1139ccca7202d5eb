import type { Command, CommandRoute } from '@pls/event-sourcing';
import { consultationCollection } from '../consultation.collection';
import type { ConsultationEvent } from '../consultation.events';
import { body, instant } from '../consultation.schemas';
import type { ConsultationState } from '../consultation.state';

export type AnswerConsultation = Command<
  'AnswerConsultation',
  {
    /** Defaults to the instant the command was issued. */
    readonly answeredAt?: string;
  }
>;

export const answerConsultationBody = body({ answeredAt: instant }, ['answeredAt']);

export const answerConsultationRoute: CommandRoute<AnswerConsultation, ConsultationEvent, ConsultationState> = {
  ...consultationCollection,
  name: 'AnswerConsultation',
  action: 'answer',
  summary: 'Record that the consultation was answered; the record is then final',
  body: answerConsultationBody,
  toCommand: ({ body, metadata }) => ({ type: 'AnswerConsultation', data: { answeredAt: body.answeredAt }, metadata }),
};
