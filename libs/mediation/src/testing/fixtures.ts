import type { CommandMetadata, DomainError } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import type { AcceptMediation } from '../accept-mediation/accept-mediation.command';
import type { ApplyForJudicialConfirmation } from '../apply-for-confirmation/apply-for-confirmation.command';
import type { CloseMediation } from '../close-mediation/close-mediation.command';
import type { ExtendMediationDueDate } from '../extend-due-date/extend-due-date.command';
import { mediationDecider, type MediationCommand } from '../mediation.decider';
import type {
  MediationAccepted,
  MediationAgreementReached,
  MediationClosed,
  MediationDueDateExtended,
  MediationEvent,
  MediationFacts,
  MediationJudicialConfirmationApplied,
  MediationJudicialConfirmationDecided,
  MediationMediatorsReassigned,
  MediationPerformanceRecorded,
  MediationRegistered,
  MediationRejected,
  MediationSessionRecorded,
  MediationTerminated,
} from '../mediation.events';
import type { ReassignMediators } from '../reassign-mediators/reassign-mediators.command';
import type { RecordMediationAgreement } from '../record-agreement/record-agreement.command';
import type { RecordJudicialConfirmationDecision } from '../record-confirmation-decision/record-confirmation-decision.command';
import type { RecordMediationPerformance } from '../record-performance/record-performance.command';
import type { RecordMediationSession } from '../record-session/record-session.command';
import type { RegisterMediation } from '../register-mediation/register-mediation.command';
import type { RejectMediation } from '../reject-mediation/reject-mediation.command';
import type { TerminateMediation } from '../terminate-mediation/terminate-mediation.command';

/**
 * One ordinary case, dated so every step follows the one before:
 * registered 03-01, accepted 03-02 (due 04-01), session 03-10, agreement
 * effective 03-20, confirmation applied 03-25 and decided 04-10, follow-up
 * 04-15, closed 04-20 (all 2021).
 */
export const MEDIATION_ID = '0b8f2a7e-5c1d-4e3f-9a2b-7c6d5e4f3a21';
export const ORG_UNIT_ID = '1c9e3b8f-6d2e-4f4a-8b3c-8d7e6f5a4b32';
export const APPLICANT_ID = '2da04c9a-7e3f-4a5b-9c4d-9e8f7a6b5c43';
export const RESPONDENT_ID = '3eb15dab-8f4a-4b6c-8d5e-af9a8b7c6d54';
export const MEDIATOR_ID = '4fc26ebc-9a5b-4c7d-9e6f-b0ab9c8d7e65';
export const OTHER_MEDIATOR_ID = '50d37fcd-ab6c-4d8e-8f7a-c1bcad9e8f76';
export const CONSULTATION_ID = '61e48ade-bc7d-4e9f-9a8b-d2cdbeaf9a87';

const facts: MediationFacts = { orgUnitId: ORG_UNIT_ID, kind: 'people', source: 'application', category: '02' };

export const meta = (commandId = 'cmd-1'): CommandMetadata => ({
  commandId,
  actorId: MEDIATOR_ID,
  now: '2021-04-30T10:00:00+08:00',
});

// ---- events -------------------------------------------------------------

const event =
  <E extends MediationEvent>(type: E['type'], defaults: E['data']) =>
  (overrides: Partial<E['data']> = {}): E =>
    ({ type, data: { ...defaults, ...overrides } }) as E;

export const registered = event<MediationRegistered>('MediationRegistered', {
  mediationId: MEDIATION_ID,
  ...facts,
  parties: [
    { personId: APPLICANT_ID, role: 'applicant' },
    { personId: RESPONDENT_ID, role: 'respondent' },
  ],
  partyCount: 2,
  claimedAmountFen: 1_500_000,
  registeredOn: '2021-03-01',
  referredFrom: null,
});

export const rejected = event<MediationRejected>('MediationRejected', { mediationId: MEDIATION_ID, ...facts, reason: 'out-of-scope', rejectedOn: '2021-03-02' });

export const accepted = event<MediationAccepted>('MediationAccepted', {
  mediationId: MEDIATION_ID,
  ...facts,
  acceptedOn: '2021-03-02',
  dueOn: '2021-04-01',
  mediatorIds: [MEDIATOR_ID],
  partyCount: 2,
  claimedAmountFen: 1_500_000,
});

export const sessionRecorded = event<MediationSessionRecorded>('MediationSessionRecorded', { mediationId: MEDIATION_ID, heldOn: '2021-03-10', sessionNumber: 1 });

export const agreed = event<MediationAgreementReached>('MediationAgreementReached', {
  mediationId: MEDIATION_ID,
  ...facts,
  acceptedOn: '2021-03-02',
  dueOn: '2021-04-01',
  onTime: true,
  form: 'written',
  effectiveOn: '2021-03-20',
  agreedAmountFen: 1_200_000,
});

export const terminated = event<MediationTerminated>('MediationTerminated', {
  mediationId: MEDIATION_ID,
  ...facts,
  acceptedOn: '2021-03-02',
  dueOn: '2021-04-01',
  onTime: true,
  reason: 'no-agreement',
  terminatedOn: '2021-03-25',
});

export const dueDateExtended = event<MediationDueDateExtended>('MediationDueDateExtended', {
  mediationId: MEDIATION_ID,
  previousDueOn: '2021-04-01',
  newDueOn: '2021-04-16',
  partiesConsented: true,
});

export const mediatorsReassigned = event<MediationMediatorsReassigned>('MediationMediatorsReassigned', {
  mediationId: MEDIATION_ID,
  previousMediatorIds: [MEDIATOR_ID],
  mediatorIds: [OTHER_MEDIATOR_ID],
});

export const confirmationApplied = event<MediationJudicialConfirmationApplied>('MediationJudicialConfirmationApplied', {
  mediationId: MEDIATION_ID,
  appliedOn: '2021-03-25',
  effectiveOn: '2021-03-20',
});

export const confirmationDecided = event<MediationJudicialConfirmationDecided>('MediationJudicialConfirmationDecided', {
  mediationId: MEDIATION_ID,
  result: 'confirmed',
  decidedOn: '2021-04-10',
});

export const performanceRecorded = event<MediationPerformanceRecorded>('MediationPerformanceRecorded', {
  mediationId: MEDIATION_ID,
  performance: 'full',
  recordedOn: '2021-04-15',
});

export const closed = event<MediationClosed>('MediationClosed', {
  mediationId: MEDIATION_ID,
  closedOn: '2021-04-20',
  outcome: 'agreed',
  concludedOn: '2021-03-20',
});

// ---- commands -----------------------------------------------------------

const command =
  <C extends MediationCommand>(type: C['type'], defaults: C['data']) =>
  (overrides: Partial<C['data']> = {}, metadata: CommandMetadata = meta()): C =>
    ({ type, data: { ...defaults, ...overrides }, metadata }) as C;

export const register = command<RegisterMediation>('RegisterMediation', {
  mediationId: MEDIATION_ID,
  ...facts,
  parties: [
    { personId: APPLICANT_ID, role: 'applicant' },
    { personId: RESPONDENT_ID, role: 'respondent' },
  ],
  claimedAmountFen: 1_500_000,
  registeredOn: '2021-03-01',
  referredFrom: null,
});
export const accept = command<AcceptMediation>('AcceptMediation', {
  mediationId: MEDIATION_ID,
  acceptedOn: '2021-03-02',
  mediatorIds: [MEDIATOR_ID],
  dueOn: null,
});
export const reject = command<RejectMediation>('RejectMediation', { mediationId: MEDIATION_ID, reason: 'out-of-scope', rejectedOn: '2021-03-02' });
export const recordSession = command<RecordMediationSession>('RecordMediationSession', { mediationId: MEDIATION_ID, heldOn: '2021-03-10' });
export const recordAgreement = command<RecordMediationAgreement>('RecordMediationAgreement', {
  mediationId: MEDIATION_ID,
  form: 'written',
  effectiveOn: '2021-03-20',
  agreedAmountFen: 1_200_000,
});
export const terminate = command<TerminateMediation>('TerminateMediation', {
  mediationId: MEDIATION_ID,
  reason: 'no-agreement',
  terminatedOn: '2021-03-25',
});
export const extendDueDate = command<ExtendMediationDueDate>('ExtendMediationDueDate', {
  mediationId: MEDIATION_ID,
  newDueOn: '2021-04-16',
  partiesConsented: true,
});
export const reassign = command<ReassignMediators>('ReassignMediators', { mediationId: MEDIATION_ID, mediatorIds: [OTHER_MEDIATOR_ID] });
export const applyForConfirmation = command<ApplyForJudicialConfirmation>('ApplyForJudicialConfirmation', {
  mediationId: MEDIATION_ID,
  appliedOn: '2021-03-25',
});
export const decideConfirmation = command<RecordJudicialConfirmationDecision>('RecordJudicialConfirmationDecision', {
  mediationId: MEDIATION_ID,
  result: 'confirmed',
  decidedOn: '2021-04-10',
});
export const recordPerformance = command<RecordMediationPerformance>('RecordMediationPerformance', {
  mediationId: MEDIATION_ID,
  performance: 'full',
  recordedOn: '2021-04-15',
});
export const close = command<CloseMediation>('CloseMediation', { mediationId: MEDIATION_ID, closedOn: '2021-04-20' });

/** Every command with its defaults, for "refused in this state whatever the command" specs. */
export const everyCommand = (): MediationCommand[] => [
  register(),
  accept(),
  reject(),
  recordSession(),
  recordAgreement(),
  terminate(),
  extendDueDate(),
  reassign(),
  applyForConfirmation(),
  decideConfirmation(),
  recordPerformance(),
  close(),
];

// ---- histories ----------------------------------------------------------

export const history = {
  registered: (): MediationEvent[] => [registered()],
  rejected: (): MediationEvent[] => [registered(), rejected()],
  accepted: (): MediationEvent[] => [registered(), accepted()],
  inSession: (): MediationEvent[] => [registered(), accepted(), sessionRecorded()],
  agreed: (): MediationEvent[] => [registered(), accepted(), sessionRecorded(), agreed()],
  performing: (): MediationEvent[] => [registered(), accepted(), sessionRecorded(), agreed(), performanceRecorded()],
  terminated: (): MediationEvent[] => [registered(), accepted(), sessionRecorded(), terminated()],
  closed: (): MediationEvent[] => [registered(), accepted(), sessionRecorded(), agreed(), closed()],
};

// ---- spec helpers -------------------------------------------------------

export const { given } = deciderSpec(mediationDecider);

/** The refusal a command meets, to check its kind and field (they set the HTTP status). */
export function refusalOf(events: readonly MediationEvent[], cmd: MediationCommand): DomainError {
  const state = events.reduce(mediationDecider.evolve, mediationDecider.initialState);
  try {
    mediationDecider.decide(cmd, state);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`expected ${cmd.type} to be refused, but it was accepted`);
}

export const stateAfter = (events: readonly MediationEvent[]) => events.reduce(mediationDecider.evolve, mediationDecider.initialState);
