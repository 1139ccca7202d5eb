import { CaseListQueryError } from './case-list.errors';
import { parseCaseListQuery } from './case-list.params';

const UNIT = '1c9e3b8f-6d2e-4f4a-8b3c-8d7e6f5a4b32';
const USER = '4fc26ebc-9a5b-4c7d-9e6f-b0ab9c8d7e65';

function refusedFields(query: Record<string, unknown>): string[] {
  try {
    parseCaseListQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(CaseListQueryError);
    const refused = error as CaseListQueryError;
    expect(refused.kind).toBe('invalid');
    expect(refused.code).toBe('VALIDATION.FAILED');
    return refused.errors.map((e) => e.field);
  }
  throw new Error('the query was accepted');
}

describe('case-list query string', () => {
  it('defaults to the open cases, overdue first, page 1 of 50', () => {
    expect(parseCaseListQuery({ orgUnitId: UNIT })).toEqual({
      filter: { orgUnitId: UNIT, open: true, sort: 'overdue-first', page: 1, pageSize: 50 },
      minPosition: undefined,
    });
  });

  it('reads every parameter, lists comma-separated', () => {
    expect(
      parseCaseListQuery({
        orgUnitId: UNIT,
        recordType: 'mediation,hotline-call',
        status: 'accepted,in-session,missed',
        open: 'all',
        assigneeId: USER,
        category: '02',
        overdueOn: '2021-04-01',
        sort: 'updated',
        page: '3',
        pageSize: '200',
        minPosition: '42',
      }),
    ).toEqual({
      filter: {
        orgUnitId: UNIT,
        recordTypes: ['mediation', 'hotline-call'],
        statuses: ['accepted', 'in-session', 'missed'],
        open: null,
        assigneeId: USER,
        category: '02',
        overdueOn: '2021-04-01',
        sort: 'updated',
        page: 3,
        pageSize: 200,
      },
      minPosition: '42',
    });
    expect(parseCaseListQuery({ orgUnitId: UNIT, open: 'false' }).filter.open).toBe(false);
  });

  it('requires orgUnitId as a UUID', () => {
    expect(refusedFields({})).toEqual(['orgUnitId']);
    expect(refusedFields({ orgUnitId: 'village-1' })).toEqual(['orgUnitId']);
  });

  it('refuses a parameter the query does not define, and one given twice', () => {
    expect(refusedFields({ orgUnitId: UNIT, q: '张三' })).toEqual(['q']);
    expect(refusedFields({ orgUnitId: [UNIT, UNIT], sort: ['due', 'opened'] })).toEqual(['orgUnitId', 'sort']);
  });

  it('names every bad value at once', () => {
    expect(
      refusedFields({
        orgUnitId: UNIT,
        recordType: 'mediation,appeal',
        status: 'pending',
        open: 'yes',
        assigneeId: '42',
        category: '15',
        overdueOn: '2021-02-30',
        sort: 'name',
        page: '0',
        pageSize: '201',
        minPosition: '-1',
      }),
    ).toEqual(['recordType', 'status', 'open', 'assigneeId', 'category', 'overdueOn', 'sort', 'page', 'pageSize', 'minPosition']);
    expect(refusedFields({ orgUnitId: UNIT, recordType: '' })).toEqual(['recordType']);
    expect(refusedFields({ orgUnitId: UNIT, pageSize: '1.5' })).toEqual(['pageSize']);
  });
});
