import type { JsonSchema } from '@pls/event-sourcing';
import { mediationDecider } from './mediation.decider';
import { mediationRoutes, mediationView } from './mediation.routes';
import {
  APPLICANT_ID,
  CONSULTATION_ID,
  MEDIATION_ID,
  MEDIATOR_ID,
  ORG_UNIT_ID,
  OTHER_MEDIATOR_ID,
  RESPONDENT_ID,
  accepted,
  agreed,
  closed,
  confirmationApplied,
  confirmationDecided,
  dueDateExtended,
  history,
  mediatorsReassigned,
  performanceRecorded,
  registered,
  sessionRecorded,
  stateAfter,
} from './testing/fixtures';

describe('mediation routes', () => {
  it('mount every mediations endpoint of API.md, the create first', () =>
    expect(mediationRoutes.map((r) => r.action)).toEqual([
      null,
      'accept',
      'reject',
      'sessions',
      'agreement',
      'terminate',
      'extend',
      'reassign',
      'judicial-confirmation',
      'judicial-confirmation-decision',
      'performance',
      'close',
      'overdue',
    ]));

  it('all write to mediation-<id> streams through the mediation decider', () => {
    for (const route of mediationRoutes) {
      expect(route).toMatchObject({ collection: 'mediations', streamCategory: 'mediation' });
      expect(route.decider).toBe(mediationDecider);
    }
  });

  it('have distinct imperative command names', () => {
    const names = mediationRoutes.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][a-zA-Z]+$/);
  });

  it('take closed bodies: every object names its required fields and refuses others', () => {
    const objects = (schema: JsonSchema): JsonSchema[] => [
      ...(schema['type'] === 'object' ? [schema] : []),
      ...Object.values((schema['properties'] ?? {}) as Record<string, JsonSchema>).flatMap(objects),
      ...(schema['items'] ? objects(schema['items'] as JsonSchema) : []),
    ];
    for (const route of mediationRoutes) {
      for (const schema of objects(route.body)) {
        expect(schema['additionalProperties']).toBe(false);
        expect(Array.isArray(schema['required'])).toBe(true);
      }
    }
  });

  it('name the org unit the record belongs to, in every state', () => {
    const orgUnitOf = mediationRoutes[0]!.orgUnitOf!;
    expect(orgUnitOf(mediationDecider.initialState)).toBeNull();
    for (const events of Object.values(history)) expect(orgUnitOf(stateAfter(events()))).toBe(ORG_UNIT_ID);
  });
});

describe('GET /mediations/{id}', () => {
  const view = (events: Parameters<typeof stateAfter>[0]) => mediationView.view(stateAfter(events));

  it('has no record before registration (404)', () => expect(mediationView.view(mediationDecider.initialState)).toBeNull());

  it('reads the mediations collection from mediation streams', () =>
    expect(mediationView).toMatchObject({ collection: 'mediations', streamCategory: 'mediation', decider: mediationDecider }));

  it('shows a registration with everything still to come as null or empty', () =>
    expect(view(history.registered())).toEqual({
      id: MEDIATION_ID,
      status: 'registered',
      orgUnitId: ORG_UNIT_ID,
      kind: 'people',
      source: 'application',
      category: '02',
      parties: [
        { personId: APPLICANT_ID, role: 'applicant' },
        { personId: RESPONDENT_ID, role: 'respondent' },
      ],
      partyCount: 2,
      claimedAmountFen: 1_500_000,
      agreedAmountFen: null,
      registeredOn: '2021-03-01',
      acceptedOn: null,
      dueOn: null,
      concludedOn: null,
      outcome: null,
      terminationReason: null,
      rejectionReason: null,
      agreementForm: null,
      mediatorIds: [],
      sessions: { count: 0, dates: [] },
      judicialConfirmation: null,
      performance: null,
      performanceRecords: [],
      closedOn: null,
      referredFrom: null,
    }));

  it('shows the whole life of an agreed case after it is closed', () =>
    expect(
      view([
        registered({ source: 'referral', referredFrom: { collection: 'consultations', id: CONSULTATION_ID } }),
        accepted(),
        sessionRecorded(),
        sessionRecorded({ heldOn: '2021-03-15', sessionNumber: 2 }),
        mediatorsReassigned({ mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID] }),
        dueDateExtended({ newDueOn: '2021-04-16' }),
        agreed({ dueOn: '2021-04-16' }),
        confirmationApplied(),
        confirmationDecided(),
        performanceRecorded({ performance: 'partial', recordedOn: '2021-04-01' }),
        performanceRecorded({ performance: 'full', recordedOn: '2021-04-15' }),
        closed(),
      ]),
    ).toMatchObject({
      status: 'closed',
      source: 'referral',
      referredFrom: { collection: 'consultations', id: CONSULTATION_ID },
      acceptedOn: '2021-03-02',
      dueOn: '2021-04-16',
      mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID],
      sessions: { count: 2, dates: ['2021-03-10', '2021-03-15'] },
      outcome: 'agreed',
      concludedOn: '2021-03-20',
      agreementForm: 'written',
      agreedAmountFen: 1_200_000,
      judicialConfirmation: { appliedOn: '2021-03-25', result: 'confirmed', decidedOn: '2021-04-10' },
      performance: 'full',
      performanceRecords: [
        { performance: 'partial', recordedOn: '2021-04-01' },
        { performance: 'full', recordedOn: '2021-04-15' },
      ],
      closedOn: '2021-04-20',
    }));

  it('shows an application awaiting the court as applied without a result', () =>
    expect(view([...history.agreed(), confirmationApplied()])).toMatchObject({
      status: 'agreed',
      judicialConfirmation: { appliedOn: '2021-03-25', result: null, decidedOn: null },
    }));

  it('shows a terminated case with its reason and no agreement', () =>
    expect(view(history.terminated())).toMatchObject({
      status: 'terminated',
      outcome: 'terminated',
      concludedOn: '2021-03-25',
      terminationReason: 'no-agreement',
      agreedAmountFen: null,
      agreementForm: null,
      closedOn: null,
    }));

  it('shows a rejected registration with its reason, never accepted', () =>
    expect(view(history.rejected())).toMatchObject({
      status: 'rejected',
      outcome: 'rejected',
      concludedOn: '2021-03-02',
      rejectionReason: 'out-of-scope',
      acceptedOn: null,
      dueOn: null,
      mediatorIds: [],
    }));

  it('names every state as DOMAIN.md does, in kebab-case', () =>
    expect(Object.values(history).map((events) => view(events())?.['status'])).toEqual([
      'registered',
      'rejected',
      'accepted',
      'in-session',
      'agreed',
      'performing',
      'terminated',
      'closed',
    ]));
});
