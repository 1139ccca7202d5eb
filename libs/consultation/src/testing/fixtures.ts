import type { CommandMetadata, DomainError } from '@pls/event-sourcing';
import type { AnswerConsultation } from '../answer-consultation/answer-consultation.command';
import { consultationDecider } from '../consultation.decider';
import type { ConsultationAnswered, ConsultationEvent, ConsultationOpened, ConsultationReferred } from '../consultation.events';
import type { OpenConsultation } from '../open-consultation/open-consultation.command';
import type { ReferConsultation } from '../refer-consultation/refer-consultation.command';

/** 10:00 in Shanghai on 2021-03-01. */
export const NOW = '2021-03-01T02:00:00Z';
/** 23:20 in Shanghai on 2021-02-26 (15:20 UTC). */
export const RECEIVED_AT = '2021-02-26T15:20:00Z';

export const ids = {
  consultation: '11111111-1111-4111-8111-111111111111',
  unit: '22222222-2222-4222-8222-222222222222',
  targetUnit: '33333333-3333-4333-8333-333333333333',
  person: '44444444-4444-4444-8444-444444444444',
  otherPerson: '55555555-5555-4555-8555-555555555555',
  mediation: '66666666-6666-4666-8666-666666666666',
  command: '99999999-9999-4999-8999-999999999999',
} as const;

export function meta(now: string = NOW): CommandMetadata {
  return { commandId: ids.command, actorId: null, now };
}

const facts = { consultationId: ids.consultation, orgUnitId: ids.unit, category: '02', receivedOn: '2021-02-26' };

export const parties = [
  { personId: ids.person, role: 'applicant' },
  { personId: ids.otherPerson, role: 'respondent' },
] as const;

// Events.

export const opened = (data: Partial<ConsultationOpened['data']> = {}): ConsultationOpened => ({
  type: 'ConsultationOpened',
  data: { ...facts, channel: 'visit', receivedAt: RECEIVED_AT, personsServed: 2, personId: ids.person, topicCode: null, ...data },
});

export const answered = (data: Partial<ConsultationAnswered['data']> = {}): ConsultationAnswered => ({
  type: 'ConsultationAnswered',
  data: { ...facts, answeredAt: NOW, answeredOn: '2021-03-01', ...data },
});

export const referred = (data: Partial<ConsultationReferred['data']> = {}): ConsultationReferred => ({
  type: 'ConsultationReferred',
  data: {
    ...facts,
    target: 'mediation',
    targetOrgUnitId: ids.targetUnit,
    mediationId: ids.mediation,
    referredAt: NOW,
    referredOn: '2021-03-01',
    kind: data.mediationId === null ? null : 'people',
    parties: data.mediationId === null ? null : parties,
    ...data,
  },
});

/** The state after these events. */
export const stateOf = (...events: ConsultationEvent[]) => events.reduce(consultationDecider.evolve, consultationDecider.initialState);

// Commands.

export const open = (data: Partial<OpenConsultation['data']> = {}): OpenConsultation => ({
  type: 'OpenConsultation',
  data: {
    id: ids.consultation,
    orgUnitId: ids.unit,
    channel: 'visit',
    receivedAt: RECEIVED_AT,
    personsServed: 2,
    category: '02',
    personId: ids.person,
    ...data,
  },
  metadata: meta(),
});

export const answer = (data: AnswerConsultation['data'] = {}, now?: string): AnswerConsultation => ({
  type: 'AnswerConsultation',
  data,
  metadata: meta(now),
});

/** A referral to mediation with everything it needs. */
export const referToMediation = (data: Partial<ReferConsultation['data']> = {}, now?: string): ReferConsultation => ({
  type: 'ReferConsultation',
  data: { target: 'mediation', targetOrgUnitId: ids.targetUnit, kind: 'people', parties, mediationId: ids.mediation, mediationIdTaken: false, ...data },
  metadata: meta(now),
});

export const refer = (data: Partial<ReferConsultation['data']> & Pick<ReferConsultation['data'], 'target'>, now?: string): ReferConsultation => ({
  type: 'ReferConsultation',
  data: { mediationIdTaken: false, ...data },
  metadata: meta(now),
});

/** The refusal a decision throws, for asserting what the HTTP layer maps (kind, field). */
export function refusalOf(decide: () => unknown): DomainError {
  try {
    decide();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal, but the command was accepted');
}
