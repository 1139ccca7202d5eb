import type { Command, CommandRoute } from '@pls/event-sourcing';
import { CATEGORY_CODES, CHANNELS, keysOf, type CategoryCode, type Channel } from '@pls/reference';
import { consultationCollection } from '../consultation.collection';
import type { ConsultationEvent } from '../consultation.events';
import { body, instant, oneOf, shortCode, uuid } from '../consultation.schemas';
import type { ConsultationState } from '../consultation.state';

export type OpenConsultation = Command<
  'OpenConsultation',
  {
    readonly id: string;
    readonly orgUnitId: string;
    readonly channel: Channel;
    readonly receivedAt: string;
    readonly personsServed: number;
    readonly category: CategoryCode;
    readonly personId?: string;
    readonly topicCode?: string;
  }
>;

export const openConsultationBody = body(
  {
    id: uuid,
    orgUnitId: uuid,
    channel: oneOf(keysOf(CHANNELS)),
    receivedAt: instant,
    personsServed: { type: 'integer', minimum: 1, maximum: 10_000 },
    category: oneOf(CATEGORY_CODES),
    personId: uuid,
    topicCode: shortCode,
  },
  ['id', 'personId', 'topicCode'],
);

export const openConsultationRoute: CommandRoute<OpenConsultation, ConsultationEvent, ConsultationState> = {
  ...consultationCollection,
  name: 'OpenConsultation',
  action: null,
  summary: 'Record a legal consultation received by visit, phone or online',
  body: openConsultationBody,
  references: [
    { field: 'orgUnitId', kind: 'org-unit' },
    { field: 'personId', kind: 'person' },
  ],
  toCommand: ({ id, body, metadata }) => ({
    type: 'OpenConsultation',
    data: {
      id,
      orgUnitId: body.orgUnitId,
      channel: body.channel,
      receivedAt: body.receivedAt,
      personsServed: body.personsServed,
      category: body.category,
      personId: body.personId,
      topicCode: body.topicCode,
    },
    metadata,
  }),
};
