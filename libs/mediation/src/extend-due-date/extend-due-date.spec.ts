import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, dueDateExtended, extendDueDate, given, history, meta, refusalOf } from '../testing/fixtures';
import { extendMediationDueDateRoute } from './extend-due-date.command';

describe('ExtendMediationDueDate', () => {
  it('extends the due date of an accepted mediation, recording the consent', () =>
    given(history.accepted())
      .when(extendDueDate({ newDueOn: '2021-04-16' }))
      .then([dueDateExtended({ previousDueOn: '2021-04-01', newDueOn: '2021-04-16' })]));

  it('extends again from the date the last extension set', () =>
    given([...history.inSession(), dueDateExtended({ newDueOn: '2021-04-16' })])
      .when(extendDueDate({ newDueOn: '2021-05-01' }))
      .then([dueDateExtended({ previousDueOn: '2021-04-16', newDueOn: '2021-05-01' })]));

  it('moves the due date and nothing else', () =>
    given(history.inSession())
      .when(extendDueDate({ newDueOn: '2021-04-02' }))
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'in-session', handling: { acceptedOn: '2021-03-02', dueOn: '2021-04-02', sessionDates: ['2021-03-10'] } }),
      ));

  it.each([
    ['the current due date', '2021-04-01'],
    ['an earlier date', '2021-03-31'],
  ])('refuses %s as the new due date (422 on newDueOn)', (_, newDueOn) =>
    expect(refusalOf(history.accepted(), extendDueDate({ newDueOn }))).toMatchObject({
      code: 'MEDIATION.DUE_DATE_NOT_LATER',
      kind: 'invalid',
      field: 'newDueOn',
    }));
});

describe('POST /mediations/{id}/extend', () => {
  const accepts = bodyValidator(extendMediationDueDateRoute);

  it('takes the new due date with both parties consenting', () => expect(accepts({ newDueOn: '2021-04-16', partiesConsented: true })).toBe(true));

  // API.md lists the body as `{ newDueOn }`: recording the extension states the consent.
  it('takes the new due date alone, as API.md lists it', () => expect(accepts({ newDueOn: '2021-04-16' })).toBe(true));

  it.each([
    ['with consent refused', { newDueOn: '2021-04-16', partiesConsented: false }],
    ['with consent as a string', { newDueOn: '2021-04-16', partiesConsented: 'yes' }],
    ['without the date', { partiesConsented: true }],
  ])('refuses an extension %s', (_, body) => expect(accepts(body)).toBe(false));

  it('builds the command', () =>
    expect(
      extendMediationDueDateRoute.toCommand({ id: MEDIATION_ID, body: { newDueOn: '2021-04-16', partiesConsented: true }, metadata: meta(), loaded: {} }),
    ).toEqual(extendDueDate()));
});
