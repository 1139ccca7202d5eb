import { Controller, Get, Header, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { auditLogProjection, type AuditScope } from '@pls/audit';
import { Roles } from '@pls/identity';
import { PROJECTION_POSITIONS, type ProjectionPositions } from '@pls/read-model';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/auth.guard';
import { AuditTrail, type AuditPage } from './audit-trail';
import { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT, parseAuditQuery } from './audit.params';

/**
 * `GET /api/v1/audit`: who did what and when (issue 7, Audit). Admins and
 * supervisors only, clipped to their subtree: a scoped caller sees the events
 * of records in the units below their own, a network-wide one everything.
 */
@ApiTags('audit')
@Roles('admin', 'supervisor')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly trail: AuditTrail,
    @Inject(PROJECTION_POSITIONS) private readonly positions: ProjectionPositions,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The audit trail: events (who, what, which record, when) and reads of clear personal data, in time order, paged' })
  @ApiQuery({ name: 'recordId', required: false, type: String, description: "a record's id (for a person, also the reads of their data)" })
  @ApiQuery({ name: 'actorId', required: false, type: String, description: 'a user id, or a system actor (system:deadlines, system:demo)' })
  @ApiQuery({ name: 'from', required: false, type: String, description: 'instant with offset, inclusive' })
  @ApiQuery({ name: 'to', required: false, type: String, description: 'instant with offset, exclusive' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `default ${DEFAULT_AUDIT_LIMIT}, at most ${MAX_AUDIT_LIMIT}` })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  async list(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest): Promise<AuditPage & { position: number }> {
    const principal = principalOf(req);
    const parsed = parseAuditQuery(query);
    await this.positions.ensure(auditLogProjection.name, parsed.minPosition);
    const position = this.positions.watch(auditLogProjection.name).position;
    const scope: AuditScope = principal.orgUnitId === null ? { kind: 'network' } : { kind: 'subtree', orgUnitId: principal.orgUnitId };
    return { ...(await this.trail.page(parsed, scope)), position };
  }
}

