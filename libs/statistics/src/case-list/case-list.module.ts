import { Module } from '@nestjs/common';
import { CASE_LIST_CLOCK, CaseListController } from './case-list.controller';

/**
 * The case list's HTTP face. Needs the app's global `READ_MODEL` DataSource
 * (migrated with `CASE_LIST_MIGRATIONS`) and `PROJECTION_POSITIONS` (running
 * `caseListProjection`).
 */
@Module({
  controllers: [CaseListController],
  providers: [{ provide: CASE_LIST_CLOCK, useValue: () => new Date() }],
})
export class CaseListModule {}
