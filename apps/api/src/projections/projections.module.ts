import { Module } from '@nestjs/common';
import { OrgUnitsController } from './org-units.controller';
import { ProjectionHost } from './projection-host';

@Module({
  controllers: [OrgUnitsController],
  providers: [ProjectionHost],
  exports: [ProjectionHost],
})
export class ProjectionsModule {}
