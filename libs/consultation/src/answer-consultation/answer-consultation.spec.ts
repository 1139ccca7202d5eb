import { InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { consultationDecider } from '../consultation.decider';
import { ConsultationErrorCode, ConsultationLifecycleError } from '../consultation.errors';
import { answer, answered, opened, referred, refusalOf, stateOf } from '../testing/fixtures';

const { given } = deciderSpec(consultationDecider);

describe('AnswerConsultation', () => {
  it('answers an open consultation at the given instant', () =>
    given([opened()])
      .when(answer({ answeredAt: '2021-02-26T16:30:00Z' }))
      .then([answered({ answeredAt: '2021-02-26T16:30:00Z', answeredOn: '2021-02-27' })]));

  it('answers at the instant the command was issued when none is given', () =>
    given([opened()]).when(answer({}, '2021-03-01T02:00:00Z')).then([answered({ answeredAt: '2021-03-01T02:00:00Z', answeredOn: '2021-03-01' })]));

  it('accepts an answer at the very instant of receipt', () =>
    given([opened()])
      .when(answer({ answeredAt: '2021-02-26T23:20:00+08:00' }))
      .then([answered({ answeredAt: '2021-02-26T23:20:00+08:00', answeredOn: '2021-02-26' })]));

  it('makes the record final', () =>
    given([opened()])
      .when(answer())
      .thenState((state) => expect(state).toMatchObject({ status: 'answered', answeredAt: '2021-03-01T02:00:00Z' })));

  it('refuses an answer before the consultation was received, naming answeredAt', () => {
    given([opened()]).when(answer({ answeredAt: '2021-02-26T15:19:59Z' })).thenThrows(InvalidValueError, ConsultationErrorCode.BEFORE_RECEIVED);
    const refusal = refusalOf(() => consultationDecider.decide(answer({ answeredAt: '2021-02-26T15:19:59Z' }), stateOf(opened())));
    expect(refusal).toMatchObject({ field: 'answeredAt' });
  });

  it('refuses answering twice', () =>
    given([opened(), answered()]).when(answer()).thenThrows(ConsultationLifecycleError, ConsultationErrorCode.ALREADY_ANSWERED));

  it('refuses answering a referred consultation', () =>
    given([opened(), referred()]).when(answer()).thenThrows(ConsultationLifecycleError, ConsultationErrorCode.ALREADY_REFERRED));

  it('refuses a consultation that was never opened', () =>
    given([]).when(answer()).thenThrows(RecordNotFoundError, ConsultationErrorCode.NOT_FOUND));
});
