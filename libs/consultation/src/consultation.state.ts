import { assertNever } from '@pls/event-sourcing';
import type { CategoryCode, Channel, ReferralTarget } from '@pls/reference';
import type { ConsultationEvent } from './consultation.events';

interface ConsultationFields {
  readonly id: string;
  readonly orgUnitId: string;
  readonly channel: Channel;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly personsServed: number;
  readonly category: CategoryCode;
  readonly personId: string | null;
  readonly topicCode: string | null;
}

export interface Referral {
  readonly target: ReferralTarget;
  readonly targetOrgUnitId: string | null;
  readonly mediationId: string | null;
  readonly referredAt: string;
}

export type OpenedConsultation = ConsultationFields & { readonly status: 'opened' };
export type AnsweredConsultation = ConsultationFields & { readonly status: 'answered'; readonly answeredAt: string };
export type ReferredConsultation = ConsultationFields & { readonly status: 'referred'; readonly referral: Referral };
export type ConsultationState = { readonly status: 'none' } | OpenedConsultation | AnsweredConsultation | ReferredConsultation;
export type ConsultationStatus = ConsultationState['status'];

export const initialConsultationState: ConsultationState = { status: 'none' };

export function evolveConsultation(state: ConsultationState, event: ConsultationEvent): ConsultationState {
  switch (event.type) {
    case 'ConsultationOpened': {
      const { consultationId, orgUnitId, channel, receivedAt, receivedOn, personsServed, category, personId, topicCode } = event.data;
      return { status: 'opened', id: consultationId, orgUnitId, channel, receivedAt, receivedOn, personsServed, category, personId, topicCode };
    }
    case 'ConsultationAnswered':
      return state.status === 'opened' ? { ...state, status: 'answered', answeredAt: event.data.answeredAt } : state;
    case 'ConsultationReferred': {
      if (state.status !== 'opened') return state;
      const { target, targetOrgUnitId, mediationId, referredAt } = event.data;
      return { ...state, status: 'referred', referral: { target, targetOrgUnitId, mediationId, referredAt } };
    }
    default:
      return assertNever(event, 'consultation event');
  }
}
