import { CaseList1764500100000 } from './case-list.migration';

export * from './case-list.row';
export { caseListProjection } from './case-list.projection';
export { CaseList1764500100000 } from './case-list.migration';
export const CASE_LIST_MIGRATIONS = [CaseList1764500100000];
