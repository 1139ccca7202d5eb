import { consultationRoutes, consultationView } from './consultation.routes';
import { answered, ids, opened, referred, stateOf } from './testing/fixtures';

describe('consultation routes', () => {
  it('mount open, answer and refer on consultations', () =>
    expect(consultationRoutes.map((r) => [r.name, r.collection, r.action, r.streamCategory])).toEqual([
      ['OpenConsultation', 'consultations', null, 'consultation'],
      ['AnswerConsultation', 'consultations', 'answer', 'consultation'],
      ['ReferConsultation', 'consultations', 'refer', 'consultation'],
    ]));
});

describe('consultation view', () => {
  it('has no record before opening (404)', () => expect(consultationView.view(stateOf())).toBeNull());

  it('shows an open consultation', () =>
    expect(consultationView.view(stateOf(opened({ topicCode: '0201' })))).toEqual({
      id: ids.consultation,
      status: 'opened',
      orgUnitId: ids.unit,
      channel: 'visit',
      receivedAt: '2021-02-26T15:20:00Z',
      receivedOn: '2021-02-26',
      personsServed: 2,
      category: '02',
      personId: ids.person,
      topicCode: '0201',
      answeredAt: null,
      referral: null,
    }));

  it('shows when an answered consultation was answered', () =>
    expect(consultationView.view(stateOf(opened(), answered({ answeredAt: '2021-02-27T01:00:00Z' })))).toMatchObject({
      status: 'answered',
      answeredAt: '2021-02-27T01:00:00Z',
      referral: null,
    }));

  it('shows where a referred consultation went', () =>
    expect(consultationView.view(stateOf(opened(), referred()))).toMatchObject({
      status: 'referred',
      answeredAt: null,
      referral: { target: 'mediation', targetOrgUnitId: ids.targetUnit, mediationId: ids.mediation, referredAt: '2021-03-01T02:00:00Z' },
    }));
});
