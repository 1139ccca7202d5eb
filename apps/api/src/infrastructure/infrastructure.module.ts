import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pls/event-store';
import { closeInfrastructure, type Infrastructure } from '@pls/runtime';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, EVENT_STORE, READ_MODEL, REDIS } from './tokens';

@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: infra.config },
        { provide: EVENT_STORE, useValue: infra.store },
        { provide: READ_MODEL, useValue: infra.readModel },
        { provide: REDIS, useValue: infra.redis },
      ],
      exports: [APP_CONFIG, EVENT_STORE, READ_MODEL, REDIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeInfrastructure({ store: this.store, readModel: this.readModel, redis: this.redis });
  }
}
