import { keysOf, PERFORMANCE } from '@pls/reference';
import { bodyValidator } from '../testing/body-validator';
import { MEDIATION_ID, given, history, meta, performanceRecorded, recordPerformance, refusalOf } from '../testing/fixtures';
import { recordMediationPerformanceRoute } from './record-performance.command';

describe('RecordMediationPerformance', () => {
  it.each(keysOf(PERFORMANCE))('records a follow-up finding performance %s', (performance) =>
    given(history.agreed())
      .when(recordPerformance({ performance }))
      .then([performanceRecorded({ performance })]));

  it('moves the agreed mediation to performing', () =>
    given(history.agreed())
      .when(recordPerformance())
      .thenState((state) => expect(state).toMatchObject({ status: 'performing', agreement: { performances: [{ performance: 'full', recordedOn: '2021-04-15' }] } })));

  it('records later follow-ups and keeps them all', () => {
    const partlyPerformed = [...history.agreed(), performanceRecorded({ performance: 'partial', recordedOn: '2021-04-01' })];
    given(partlyPerformed)
      .when(recordPerformance({ performance: 'full', recordedOn: '2021-05-01' }))
      .then([performanceRecorded({ performance: 'full', recordedOn: '2021-05-01' })]);
    given(partlyPerformed)
      .when(recordPerformance({ performance: 'full', recordedOn: '2021-05-01' }))
      .thenState((state) =>
        expect(state).toMatchObject({
          status: 'performing',
          agreement: {
            performances: [
              { performance: 'partial', recordedOn: '2021-04-01' },
              { performance: 'full', recordedOn: '2021-05-01' },
            ],
          },
        }),
      );
  });

  it('allows a follow-up on the day the agreement takes effect', () =>
    given(history.agreed())
      .when(recordPerformance({ recordedOn: '2021-03-20' }))
      .then([performanceRecorded({ recordedOn: '2021-03-20' })]));

  it('refuses a follow-up dated before the agreement takes effect (422 on recordedOn)', () =>
    expect(refusalOf(history.agreed(), recordPerformance({ recordedOn: '2021-03-19' }))).toMatchObject({
      code: 'MEDIATION.PERFORMANCE_BEFORE_EFFECTIVE',
      kind: 'invalid',
      field: 'recordedOn',
    }));
});

describe('POST /mediations/{id}/performance', () => {
  const accepts = bodyValidator(recordMediationPerformanceRoute);

  it('takes a listed performance and the date', () => {
    expect(accepts({ performance: 'partial', recordedOn: '2021-04-15' })).toBe(true);
    expect(accepts({ performance: 'half', recordedOn: '2021-04-15' })).toBe(false);
    expect(accepts({ performance: 'full', recordedOn: '2021-04-15', paidFen: 100 })).toBe(false);
  });

  it('builds the command', () =>
    expect(
      recordMediationPerformanceRoute.toCommand({ id: MEDIATION_ID, body: { performance: 'full', recordedOn: '2021-04-15' }, metadata: meta(), loaded: {} }),
    ).toEqual(recordPerformance()));
});
