import { deterministicId, InvalidValueError, RecordNotFoundError, type RouteDeps } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { consultationDecider } from '../consultation.decider';
import { ConsultationErrorCode, ConsultationLifecycleError, MediationExistsError } from '../consultation.errors';
import { answered, ids, meta, opened, parties, refer, referred, referToMediation, refusalOf, stateOf } from '../testing/fixtures';
import { referConsultationRoute } from './refer-consultation.command';

const { given } = deciderSpec(consultationDecider);

describe('ReferConsultation', () => {
  it('refers an open consultation to mediation at the target unit, naming the mediation to register', () =>
    given([opened()])
      .when(referToMediation({ referredAt: '2021-02-27T01:00:00Z' }))
      .then([referred({ referredAt: '2021-02-27T01:00:00Z', referredOn: '2021-02-27' })]));

  it('derives the mediation id from the command id when the client chose none', () =>
    given([opened()])
      .when(referToMediation({ mediationId: undefined }))
      .then([referred({ mediationId: deterministicId('mediation-referral', ids.command) })]));

  it('refers at the instant the command was issued when none is given', () =>
    given([opened()]).when(referToMediation({}, '2021-02-28T16:30:00Z')).then([referred({ referredAt: '2021-02-28T16:30:00Z', referredOn: '2021-03-01' })]));

  it('refers to legal aid without a target unit or a mediation', () =>
    given([opened()]).when(refer({ target: 'legal-aid' })).then([referred({ target: 'legal-aid', targetOrgUnitId: null, mediationId: null })]));

  it('refers to a notary at a given unit', () =>
    given([opened()])
      .when(refer({ target: 'notary', targetOrgUnitId: ids.targetUnit }))
      .then([referred({ target: 'notary', targetOrgUnitId: ids.targetUnit, mediationId: null })]));

  it('makes the record final, keeping the referral', () =>
    given([opened()])
      .when(referToMediation())
      .thenState((state) =>
        expect(state).toMatchObject({
          status: 'referred',
          referral: { target: 'mediation', targetOrgUnitId: ids.targetUnit, mediationId: ids.mediation, referredAt: '2021-03-01T02:00:00Z' },
        }),
      ));

  it('refuses a referral before the consultation was received, naming referredAt', () => {
    given([opened()]).when(refer({ target: 'other', referredAt: '2021-02-26T00:00:00Z' })).thenThrows(InvalidValueError, ConsultationErrorCode.BEFORE_RECEIVED);
    expect(refusalOf(() => consultationDecider.decide(refer({ target: 'other', referredAt: '2021-02-26T00:00:00Z' }), stateOf(opened())))).toMatchObject({
      field: 'referredAt',
    });
  });

  it.each(['targetOrgUnitId', 'kind', 'parties'] as const)('refuses a referral to mediation without %s, naming it', (field) => {
    given([opened()])
      .when(referToMediation({ [field]: undefined }))
      .thenThrows(InvalidValueError, ConsultationErrorCode.REQUIRED_FOR_MEDIATION);
    expect(refusalOf(() => consultationDecider.decide(referToMediation({ [field]: undefined }), stateOf(opened())))).toMatchObject({ field });
  });

  it('refuses a person listed twice among the parties', () =>
    given([opened()])
      .when(referToMediation({ parties: [...parties, { personId: ids.person, role: 'other' }] }))
      .thenThrows(InvalidValueError, ConsultationErrorCode.DUPLICATE_PARTY));

  it('refuses a chosen mediation id that already names a mediation, as a conflict naming mediationId', () => {
    given([opened()]).when(referToMediation({ mediationIdTaken: true })).thenThrows(MediationExistsError, ConsultationErrorCode.MEDIATION_EXISTS);
    expect(refusalOf(() => consultationDecider.decide(referToMediation({ mediationIdTaken: true }), stateOf(opened())))).toMatchObject({
      kind: 'conflict',
      field: 'mediationId',
    });
  });

  it.each([
    ['kind', { kind: 'people' }],
    ['parties', { parties }],
    ['mediationId', { mediationId: ids.mediation }],
  ] as const)('refuses %s on a referral to anything but mediation', (field, extra) => {
    given([opened()])
      .when(refer({ target: 'legal-aid', ...extra }))
      .thenThrows(InvalidValueError, ConsultationErrorCode.ONLY_FOR_MEDIATION);
    expect(refusalOf(() => consultationDecider.decide(refer({ target: 'legal-aid', ...extra }), stateOf(opened())))).toMatchObject({ field });
  });

  it('refuses referring an answered consultation', () =>
    given([opened(), answered()]).when(referToMediation()).thenThrows(ConsultationLifecycleError, ConsultationErrorCode.ALREADY_ANSWERED));

  it('refuses referring twice', () =>
    given([opened(), referred()]).when(refer({ target: 'notary' })).thenThrows(ConsultationLifecycleError, ConsultationErrorCode.ALREADY_REFERRED));

  it('refuses a consultation that was never opened', () =>
    given([]).when(referToMediation()).thenThrows(RecordNotFoundError, ConsultationErrorCode.NOT_FOUND));
});

describe('ReferConsultation route', () => {
  const reads: string[] = [];
  const deps: RouteDeps = {
    readRecord: async <S>(collection: string, id: string) => {
      reads.push(`${collection}/${id}`);
      return id === ids.mediation ? { state: { status: 'registered' } as S, version: 1 } : null;
    },
  };
  const mediationBody = { target: 'mediation', targetOrgUnitId: ids.targetUnit, kind: 'people', parties };
  beforeEach(() => (reads.length = 0));

  it('is the refer action, checking the target unit and the parties exist', () =>
    expect(referConsultationRoute).toMatchObject({
      collection: 'consultations',
      action: 'refer',
      references: [
        { field: 'targetOrgUnitId', kind: 'org-unit' },
        { field: 'parties[].personId', kind: 'person' },
      ],
      body: { required: ['target'], additionalProperties: false },
    }));

  it('finds out whether a chosen mediation id is taken', async () => {
    expect(await referConsultationRoute.load!({ id: ids.consultation, body: { ...mediationBody, mediationId: ids.mediation } }, deps)).toEqual({
      mediationIdTaken: true,
    });
    expect(await referConsultationRoute.load!({ id: ids.consultation, body: { ...mediationBody, mediationId: ids.person } }, deps)).toEqual({
      mediationIdTaken: false,
    });
    expect(reads).toEqual([`mediations/${ids.mediation}`, `mediations/${ids.person}`]);
  });

  it('reads nothing when no mediation id was chosen', async () => {
    expect(await referConsultationRoute.load!({ id: ids.consultation, body: mediationBody }, deps)).toEqual({ mediationIdTaken: false });
    expect(await referConsultationRoute.load!({ id: ids.consultation, body: { target: 'legal-aid' } }, deps)).toEqual({ mediationIdTaken: false });
    expect(reads).toEqual([]);
  });

  it('turns the body and the loaded facts into the command', () =>
    expect(
      referConsultationRoute.toCommand({
        id: ids.consultation,
        body: { ...mediationBody, mediationId: ids.mediation },
        metadata: meta(),
        loaded: { mediationIdTaken: false },
      }),
    ).toEqual(referToMediation()));

  it('records what the mediation is registered with — kind and parties — in the event; the command itself registers nothing', () => {
    given([opened()])
      .when(referToMediation({ kind: 'administrative' }))
      .then([referred({ kind: 'administrative', parties: [...parties] })]);
    const command = referToMediation({ kind: 'administrative' });
    const state = stateOf(opened({ category: '03', receivedOn: '2021-02-26' }), referred());
    // The `referral-registers-mediation` reaction registers it from the event, on the checkpointed subscription.
    expect(referConsultationRoute.followUps).toBeUndefined();
    expect(referConsultationRoute.respond!(state, command)).toEqual({ mediationId: ids.mediation });
  });

  it('names no mediation for a referral elsewhere', () => {
    const command = refer({ target: 'legal-aid' });
    const state = stateOf(opened(), referred({ target: 'legal-aid', targetOrgUnitId: null, mediationId: null }));
    expect(referConsultationRoute.respond!(state, command)).toEqual({});
  });
});
