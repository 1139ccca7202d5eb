import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, MEDIATOR_ID, OTHER_MEDIATOR_ID, accepted, given, history, meta, mediatorsReassigned, reassign, refusalOf, registered, sessionRecorded } from '../testing/fixtures';
import { reassignMediatorsRoute } from './reassign-mediators.command';

describe('ReassignMediators', () => {
  it('designates other mediators for an accepted mediation', () =>
    given(history.accepted())
      .when(reassign({ mediatorIds: [OTHER_MEDIATOR_ID] }))
      .then([mediatorsReassigned({ previousMediatorIds: [MEDIATOR_ID], mediatorIds: [OTHER_MEDIATOR_ID] })]));

  it('adds a mediator to a mediation in session', () =>
    given(history.inSession())
      .when(reassign({ mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID] }))
      .then([mediatorsReassigned({ previousMediatorIds: [MEDIATOR_ID], mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID] })]));

  it('drops a mediator from the team', () =>
    given([registered(), accepted({ mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID] })])
      .when(reassign({ mediatorIds: [MEDIATOR_ID] }))
      .then([mediatorsReassigned({ previousMediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID], mediatorIds: [MEDIATOR_ID] })]));

  it('keeps the mediation where it was, with the new mediators', () =>
    given(history.inSession())
      .when(reassign())
      .thenState((state) => expect(state).toMatchObject({ status: 'in-session', handling: { mediatorIds: [OTHER_MEDIATOR_ID] } })));

  it('refuses the mediators already designated, in whatever order (422 on mediatorIds)', () => {
    const events = [registered(), accepted({ mediatorIds: [MEDIATOR_ID, OTHER_MEDIATOR_ID] }), sessionRecorded()];
    expect(refusalOf(events, reassign({ mediatorIds: [OTHER_MEDIATOR_ID, MEDIATOR_ID] }))).toMatchObject({
      code: 'MEDIATION.SAME_MEDIATORS',
      kind: 'invalid',
      field: 'mediatorIds',
    });
  });
});

describe('POST /mediations/{id}/reassign', () => {
  const accepts = bodyValidator(reassignMediatorsRoute);

  it('takes one or more distinct mediator ids', () => {
    expect(accepts({ mediatorIds: [OTHER_MEDIATOR_ID] })).toBe(true);
    expect(accepts({ mediatorIds: [] })).toBe(false);
    expect(accepts({ mediatorIds: [MEDIATOR_ID, MEDIATOR_ID] })).toBe(false);
    expect(accepts({})).toBe(false);
  });

  it('checks the mediators are users', () => expect(reassignMediatorsRoute.references).toEqual([{ field: 'mediatorIds[]', kind: 'user' }]));

  it('builds the command', () =>
    expect(reassignMediatorsRoute.toCommand({ id: MEDIATION_ID, body: { mediatorIds: [OTHER_MEDIATOR_ID] }, metadata: meta(), loaded: {} })).toEqual(reassign()));
});
