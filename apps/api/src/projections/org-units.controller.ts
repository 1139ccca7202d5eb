import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { orgTree } from '@pls/org';
import type { DataSource } from 'typeorm';
import { READ_MODEL } from '../infrastructure/tokens';
import { ProjectionHost } from './projection-host';
import { SignedIn } from '@pls/identity';

@ApiTags('org-units')
// Every signed-in role sees the whole tree: it is not secret inside the bureau, and hand-overs
// and referrals name units outside the sender's subtree. The units' records stay scoped.
@SignedIn()
@Controller('api/v1/org-units')
export class OrgUnitsController {
  constructor(
    @Inject(READ_MODEL) private readonly db: DataSource,
    private readonly projections: ProjectionHost,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The org tree(s): city → township → village' })
  @ApiQuery({ name: 'minPosition', required: false, type: Number })
  async list(@Query('minPosition') minPosition?: string) {
    await this.projections.ensure('org-tree', minPosition);
    return { items: await orgTree(this.db) };
  }
}
