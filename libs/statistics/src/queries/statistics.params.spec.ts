import { StatisticsQueryError } from '../statistics.errors';
import { parseBacklogQuery, parseLiveQuery, parseRecordsQuery, parseSummaryQuery } from './statistics.params';

const UNIT = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';

function fields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof StatisticsQueryError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
}

describe('statistics query strings', () => {
  it('reads a summary question, normalising asOf to a UTC instant and defaulting the definition to reported', () => {
    expect(
      parseSummaryQuery({ orgUnitId: UNIT, from: '2021-01-01', to: '2021-07-01', asOf: '2021-07-01T00:00:00+08:00', minPosition: '12' }),
    ).toEqual({
      orgUnitId: UNIT,
      from: '2021-01-01',
      to: '2021-07-01',
      asOf: '2021-06-30T16:00:00.000Z',
      successRate: 'reported',
    });
  });

  it('names every bad field at once', () => {
    expect(fields(() => parseSummaryQuery({ orgUnitId: 'x', from: '2021-13-01', successRate: 'best', extra: '1' })).sort()).toEqual(
      ['extra', 'from', 'orgUnitId', 'successRate', 'to'].sort(),
    );
    expect(fields(() => parseSummaryQuery({ orgUnitId: [UNIT, UNIT], from: '2021-01-01', to: '2021-02-01' }))).toEqual(['orgUnitId']);
  });

  it('drills into one breakdown group, an empty key meaning the records without the attribute', () => {
    const base = { orgUnitId: UNIT, from: '2021-01-01', to: '2022-01-01', metric: 'mediation.accepted' };
    expect(parseRecordsQuery({ ...base, by: 'category', key: '' }).group).toEqual({ by: 'category', key: null });
    expect(parseRecordsQuery({ ...base, by: 'month', key: '2021-03', page: '2', pageSize: '10' })).toMatchObject({
      group: { by: 'month', key: '2021-03' },
      page: 2,
      pageSize: 10,
    });
    expect(fields(() => parseRecordsQuery({ ...base, by: 'month' }))).toEqual(['key']);
    expect(fields(() => parseRecordsQuery({ ...base, pageSize: '501' }))).toEqual(['pageSize']);
  });

  it('takes a backlog day and no period', () => {
    expect(parseBacklogQuery({ orgUnitId: UNIT, on: '2021-03-31' })).toEqual({ orgUnitId: UNIT, on: '2021-03-31', asOf: null });
    expect(fields(() => parseBacklogQuery({ orgUnitId: UNIT, on: '2021-03-31', from: '2021-01-01' }))).toEqual(['from']);
  });

  it('streams the current Asia/Shanghai year unless a period is given', () => {
    // 16:30 UTC on 31 December is already New Year's Day in Shanghai.
    expect(parseLiveQuery({ orgUnitId: UNIT }, new Date('2021-12-31T16:30:00Z'))).toMatchObject({
      from: '2022-01-01',
      to: '2023-01-01',
      asOf: null,
    });
    expect(parseLiveQuery({ orgUnitId: UNIT, from: '2021-03-01', to: '2021-04-01' })).toMatchObject({
      from: '2021-03-01',
      to: '2021-04-01',
    });
    expect(fields(() => parseLiveQuery({ orgUnitId: UNIT, from: '2021-03-01' }))).toEqual(['to']);
  });
});
