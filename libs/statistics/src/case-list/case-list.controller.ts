import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PROJECTION_POSITIONS, READ_MODEL, type ProjectionPositions } from '@pls/read-model';
import { shanghaiDate } from '@pls/reference';
import type { DataSource } from 'typeorm';
import { parseCaseListQuery } from './case-list.params';
import { caseListProjection } from './case-list.projection';
import { CASE_LIST_SORTS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, caseList, type CaseListPage } from './case-list.query';
import { ALL_CASE_STATUSES, CASE_RECORD_TYPES } from './case-list.row';
import { Policy } from '@pls/identity';

/** Today's date where the work is done; `overdue` is computed against it. */
export const CASE_LIST_CLOCK = Symbol.for('pls.CASE_LIST_CLOCK');
export type CaseListClock = () => Date;

/**
 * `GET /api/v1/cases`: the work queue of a unit's subtree. Refusals are
 * DomainErrors (`kind: 'invalid'`), which the app's problem+json filter
 * answers 422 naming the fields.
 */
@ApiTags('cases')
// Every role's work queue, clipped to the caller's subtree; without `orgUnitId` the caller's own
// unit is listed, and a unit outside the subtree is 403 AUTH.OUT_OF_SCOPE (the API's `org-unit-query` policy).
@Policy('org-unit-query')
@Controller('api/v1/cases')
export class CaseListController {
  constructor(
    @Inject(READ_MODEL) private readonly db: DataSource,
    @Inject(PROJECTION_POSITIONS) private readonly positions: ProjectionPositions,
    @Inject(CASE_LIST_CLOCK) private readonly clock: CaseListClock,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The case list (work queue) of a unit and everything below it: filtered, sorted (overdue first), paged' })
  @ApiQuery({ name: 'orgUnitId', required: true, type: String, description: 'the unit whose subtree (as the tree stands now) is listed' })
  @ApiQuery({ name: 'recordType', required: false, type: String, description: `comma-separated: ${CASE_RECORD_TYPES.join(', ')}` })
  @ApiQuery({ name: 'status', required: false, type: String, description: `comma-separated: ${ALL_CASE_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'open', required: false, enum: ['true', 'false', 'all'], description: 'default true' })
  @ApiQuery({ name: 'assigneeId', required: false, type: String, description: 'a user id (mediators of a mediation)' })
  @ApiQuery({ name: 'category', required: false, type: String, description: 'dispute category code; sub-codes included' })
  @ApiQuery({ name: 'overdueOn', required: false, type: String, description: 'YYYY-MM-DD: open records due before that day' })
  @ApiQuery({ name: 'sort', required: false, enum: CASE_LIST_SORTS, description: 'default overdue-first' })
  @ApiQuery({ name: 'page', required: false, type: Number, description: '1-based, default 1' })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: `default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}` })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  async list(@Query() query: Record<string, unknown>): Promise<CaseListPage & { position: number }> {
    const { filter, minPosition } = parseCaseListQuery(query);
    await this.positions.ensure(caseListProjection.name, minPosition);
    const position = this.positions.watch(caseListProjection.name).position;
    const page = await caseList(this.db, { ...filter, today: shanghaiDate(this.clock()) });
    return { ...page, position };
  }
}
