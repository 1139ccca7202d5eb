import { deciderSpec } from '@pls/event-sourcing/testing';
import { consultationDecider } from '../consultation.decider';
import { ConsultationErrorCode, ConsultationLifecycleError } from '../consultation.errors';
import { answered, ids, meta, open, opened, referred, stateOf } from '../testing/fixtures';
import { openConsultationRoute } from './open-consultation.command';

const { given } = deciderSpec(consultationDecider);

describe('OpenConsultation', () => {
  it('opens a consultation, dated by its Shanghai day of receipt', () =>
    given([]).when(open()).then([opened({ receivedOn: '2021-02-26', topicCode: null })]));

  it('counts a consultation received after 16:00 UTC on the next Shanghai day', () =>
    given([])
      .when(open({ receivedAt: '2021-02-26T16:00:00Z' }))
      .then([opened({ receivedAt: '2021-02-26T16:00:00Z', receivedOn: '2021-02-27' })]));

  it('takes an instant with an offset as it is', () =>
    given([])
      .when(open({ receivedAt: '2021-02-27T08:00:00+08:00' }))
      .then([opened({ receivedAt: '2021-02-27T08:00:00+08:00', receivedOn: '2021-02-27' })]));

  it('opens an anonymous phone consultation with a topic code', () =>
    given([])
      .when(open({ channel: 'phone', personId: undefined, topicCode: '0201', personsServed: 1 }))
      .then([opened({ channel: 'phone', personId: null, topicCode: '0201', personsServed: 1 })]));

  it('starts the record opened', () =>
    given([])
      .when(open())
      .thenState((state) => expect(state).toMatchObject({ status: 'opened', id: ids.consultation, orgUnitId: ids.unit })));

  it.each([
    ['opened', [opened()]],
    ['answered', [opened(), answered()]],
    ['referred', [opened(), referred()]],
  ])('refuses a second opening of an %s consultation', (_, history) =>
    given(history).when(open()).thenThrows(ConsultationLifecycleError, ConsultationErrorCode.ALREADY_OPENED));
});

describe('OpenConsultation route', () => {
  it('is the create action of consultations, checking the unit and the person exist', () =>
    expect(openConsultationRoute).toMatchObject({
      collection: 'consultations',
      action: null,
      streamCategory: 'consultation',
      references: [
        { field: 'orgUnitId', kind: 'org-unit' },
        { field: 'personId', kind: 'person' },
      ],
      body: { required: ['orgUnitId', 'channel', 'receivedAt', 'personsServed', 'category'], additionalProperties: false },
    }));

  it('limits persons served to 1 … 10000', () =>
    expect((openConsultationRoute.body['properties'] as Record<string, unknown>)['personsServed']).toEqual({ type: 'integer', minimum: 1, maximum: 10_000 }));

  it('turns the body into the command', () => {
    const body = { orgUnitId: ids.unit, channel: 'visit', receivedAt: '2021-02-26T15:20:00Z', personsServed: 2, category: '02', personId: ids.person };
    expect(openConsultationRoute.toCommand({ id: ids.consultation, body, metadata: meta(), loaded: {} })).toEqual(open());
  });

  it('scopes the events to the consultation unit', () =>
    expect(openConsultationRoute.orgUnitOf!(stateOf(opened()))).toBe(ids.unit));
});
