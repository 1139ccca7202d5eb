import { shanghaiDate } from '@pls/reference';
import type { ConsultationEvent } from '../consultation.events';
import { refusals } from '../consultation.errors';
import type { ConsultationState } from '../consultation.state';
import type { OpenConsultation } from './open-consultation.command';

export function decideOpenConsultation({ data }: OpenConsultation, state: ConsultationState): ConsultationEvent[] {
  if (state.status !== 'none') throw refusals.alreadyOpened();
  return [
    {
      type: 'ConsultationOpened',
      data: {
        consultationId: data.id,
        orgUnitId: data.orgUnitId,
        category: data.category,
        receivedOn: shanghaiDate(data.receivedAt),
        channel: data.channel,
        receivedAt: data.receivedAt,
        personsServed: data.personsServed,
        personId: data.personId ?? null,
        topicCode: data.topicCode ?? null,
      },
    },
  ];
}
