import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health/health.controller';
import type { Infrastructure } from '@pls/runtime';
import { InfrastructureModule } from './infrastructure/infrastructure.module';

@Module({})
export class AppModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forRoot(infra), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
    };
  }
}
