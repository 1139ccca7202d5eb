import { shanghaiDate } from '@pls/reference';
import type { ConsultationEvent } from '../consultation.events';
import { requireNotBeforeReceived, requireOpened } from '../consultation.guards';
import type { ConsultationState } from '../consultation.state';
import type { AnswerConsultation } from './answer-consultation.command';

export function decideAnswerConsultation({ data, metadata }: AnswerConsultation, state: ConsultationState): ConsultationEvent[] {
  const consultation = requireOpened(state);
  const answeredAt = data.answeredAt ?? metadata.now;
  requireNotBeforeReceived(consultation, answeredAt, 'answeredAt');
  const { id: consultationId, orgUnitId, category, receivedOn } = consultation;
  return [
    {
      type: 'ConsultationAnswered',
      data: { consultationId, orgUnitId, category, receivedOn, answeredAt, answeredOn: shanghaiDate(answeredAt) },
    },
  ];
}
