import { consultationDecider } from './consultation.decider';
import type { ConsultationState } from './consultation.state';

/** What every consultation route and the view share: where the records live and who rules on them. */
export const consultationCollection = {
  collection: 'consultations',
  streamCategory: 'consultation',
  decider: consultationDecider,
  orgUnitOf: (state: ConsultationState): string | null => (state.status === 'none' ? null : state.orgUnitId),
} as const;
