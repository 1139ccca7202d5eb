import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import { answerConsultationRoute } from './answer-consultation/answer-consultation.command';
import { consultationCollection } from './consultation.collection';
import type { ConsultationState } from './consultation.state';
import { openConsultationRoute } from './open-consultation/open-consultation.command';
import { referConsultationRoute } from './refer-consultation/refer-consultation.command';

export const consultationRoutes: CommandRoute[] = [openConsultationRoute, answerConsultationRoute, referConsultationRoute];

/** `GET /consultations/{id}`. */
export const consultationView: RecordView<ConsultationState> = {
  collection: consultationCollection.collection,
  streamCategory: consultationCollection.streamCategory,
  decider: consultationCollection.decider,
  view(state) {
    if (state.status === 'none') return null;
    return {
      id: state.id,
      status: state.status,
      orgUnitId: state.orgUnitId,
      channel: state.channel,
      receivedAt: state.receivedAt,
      receivedOn: state.receivedOn,
      personsServed: state.personsServed,
      category: state.category,
      personId: state.personId,
      topicCode: state.topicCode,
      answeredAt: state.status === 'answered' ? state.answeredAt : null,
      referral: state.status === 'referred' ? state.referral : null,
    };
  },
};
