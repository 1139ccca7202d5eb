import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Infrastructure } from '@pls/runtime';
import { CaseListModule, StatisticsModule } from '@pls/statistics';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { JobsModule } from './jobs/jobs.module';
import { ProjectionsModule } from './projections/projections.module';
import { RecordsModule } from './records/records.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The configuration was read and validated (loadConfig) before anything opened; ConfigService serves that same object.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...infra.config })] }),
        InfrastructureModule.forRoot(infra),
        TerminusModule.forRoot({ logger: false }),
        AuthModule,
        ProjectionsModule,
        RecordsModule.forRoot(infra.keyring),
        JobsModule,
        CaseListModule,
        StatisticsModule,
        AuditModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
