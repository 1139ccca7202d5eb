import { CaseList1764500100000 } from './case-list.migration';

export * from './case-list.row';
export { CaseListQueryError, UnknownCaseListUnitError } from './case-list.errors';
export { caseListProjection } from './case-list.projection';
export { caseList, CASE_LIST_SORTS, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from './case-list.query';
export type { CaseListFilter, CaseListItem, CaseListPage, CaseListSort } from './case-list.query';
export { parseCaseListQuery, CASE_LIST_PARAMS, type ParsedCaseListQuery } from './case-list.params';
export { CaseListController, CASE_LIST_CLOCK, type CaseListClock } from './case-list.controller';
export { CaseListModule } from './case-list.module';
export { CaseList1764500100000 } from './case-list.migration';
export const CASE_LIST_MIGRATIONS = [CaseList1764500100000];
