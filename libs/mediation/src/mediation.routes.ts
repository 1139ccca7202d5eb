import type { RecordView } from '@pls/event-sourcing';
import { acceptMediationRoute } from './accept-mediation/accept-mediation.command';
import { applyForJudicialConfirmationRoute } from './apply-for-confirmation/apply-for-confirmation.command';
import { closeMediationRoute } from './close-mediation/close-mediation.command';
import { extendMediationDueDateRoute } from './extend-due-date/extend-due-date.command';
import { markMediationOverdueRoute } from './mark-overdue/mark-overdue.command';
import { MEDIATION_STREAM, MEDIATIONS, type MediationRoute } from './mediation.command-route';
import { mediationDecider } from './mediation.decider';
import { conclusionOf, hasStatus, CONCLUDED, type MediationState } from './mediation.state';
import { reassignMediatorsRoute } from './reassign-mediators/reassign-mediators.command';
import { recordMediationAgreementRoute } from './record-agreement/record-agreement.command';
import { recordJudicialConfirmationDecisionRoute } from './record-confirmation-decision/record-confirmation-decision.command';
import { recordMediationPerformanceRoute } from './record-performance/record-performance.command';
import { recordMediationSessionRoute } from './record-session/record-session.command';
import { registerMediationRoute } from './register-mediation/register-mediation.command';
import { rejectMediationRoute } from './reject-mediation/reject-mediation.command';
import { terminateMediationRoute } from './terminate-mediation/terminate-mediation.command';

/** Every `mediations` endpoint of API.md: the create, then one route per action. */
export const mediationRoutes: readonly MediationRoute[] = [
  registerMediationRoute,
  acceptMediationRoute,
  rejectMediationRoute,
  recordMediationSessionRoute,
  recordMediationAgreementRoute,
  terminateMediationRoute,
  extendMediationDueDateRoute,
  reassignMediatorsRoute,
  applyForJudicialConfirmationRoute,
  recordJudicialConfirmationDecisionRoute,
  recordMediationPerformanceRoute,
  closeMediationRoute,
  markMediationOverdueRoute,
];

/**
 * `GET /mediations/{id}`. Fields that do not apply yet are `null`; `concludedOn`
 * is the date of the `outcome` (agreement effective, termination or rejection).
 */
export function viewMediation(state: MediationState): Record<string, unknown> | null {
  if (state.status === 'none') return null;
  const current = state.status === 'closed' ? state.filed : state;
  const { record } = current;
  const handling = 'handling' in current ? current.handling : null;
  const agreement = 'agreement' in current ? current.agreement : null;
  const termination = 'termination' in current ? current.termination : null;
  const rejection = 'rejection' in current ? current.rejection : null;
  const conclusion = hasStatus(current, CONCLUDED) ? conclusionOf(current) : null;
  const performances = agreement?.performances ?? [];

  return {
    id: record.id,
    status: state.status,
    orgUnitId: record.orgUnitId,
    kind: record.kind,
    source: record.source,
    category: record.category,
    parties: record.parties.map(({ personId, role }) => ({ personId, role })),
    partyCount: record.parties.length,
    claimedAmountFen: record.claimedAmountFen,
    agreedAmountFen: agreement?.agreedAmountFen ?? null,
    registeredOn: record.registeredOn,
    acceptedOn: handling?.acceptedOn ?? null,
    dueOn: handling?.dueOn ?? null,
    concludedOn: conclusion?.concludedOn ?? rejection?.rejectedOn ?? null,
    outcome: conclusion?.outcome ?? (rejection ? 'rejected' : null),
    terminationReason: termination?.reason ?? null,
    rejectionReason: rejection?.reason ?? null,
    agreementForm: agreement?.form ?? null,
    mediatorIds: handling ? [...handling.mediatorIds] : [],
    sessions: { count: handling?.sessionDates.length ?? 0, dates: [...(handling?.sessionDates ?? [])] },
    judicialConfirmation: agreement?.confirmation ? { ...agreement.confirmation } : null,
    performance: performances.at(-1)?.performance ?? null,
    performanceRecords: performances.map((p) => ({ ...p })),
    closedOn: state.status === 'closed' ? state.closedOn : null,
    referredFrom: record.referredFrom ? { ...record.referredFrom } : null,
  };
}

export const mediationView: RecordView<MediationState> = {
  collection: MEDIATIONS,
  streamCategory: MEDIATION_STREAM,
  decider: mediationDecider,
  view: viewMediation,
};
