import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { AppConfig } from '@pls/config';
import type { EventStore } from '@pls/event-store';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, EVENT_STORE, READ_MODEL, REDIS } from '../infrastructure/tokens';
import { Public } from '@pls/identity';

const TIMEOUT_MS = 2000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  /** Store, read model and Redis (or the in-process fallback) — 503 when any is down. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () =>
        this.indicator
          .check('eventStore')
          .attempt(async () => {
            await this.store.ping();
            return { kind: this.store.kind, head: await this.store.headPosition() };
          })
          .withTimeout(TIMEOUT_MS),
      () =>
        this.indicator
          .check('readModel')
          .attempt(async () => {
            await this.readModel.query('SELECT 1');
            return { kind: this.config.databaseKind };
          })
          .withTimeout(TIMEOUT_MS),
      () => {
        const redis = this.redis;
        if (!redis) return this.indicator.check('redis').up({ mode: 'in-process' });
        return this.indicator
          .check('redis')
          .attempt(async () => {
            await redis.ping();
            return { mode: 'redis' };
          })
          .withTimeout(TIMEOUT_MS);
      },
    ]);
  }
}
