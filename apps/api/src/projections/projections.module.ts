import { Global, Module } from '@nestjs/common';
import { PROJECTION_POSITIONS } from '@pls/read-model';
import { OrgUnitsController } from './org-units.controller';
import { ProjectionHost } from './projection-host';

@Global()
@Module({
  controllers: [OrgUnitsController],
  providers: [ProjectionHost, { provide: PROJECTION_POSITIONS, useExisting: ProjectionHost }],
  exports: [ProjectionHost, PROJECTION_POSITIONS],
})
export class ProjectionsModule {}
