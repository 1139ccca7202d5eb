import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AppConfig } from '@pls/config';
import type { EventStore } from '@pls/event-store';
import type { ProjectionSet } from '@pls/runtime';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from '../infrastructure/tokens';
import { CommandExecutor } from '../records/command-executor';
import { reactionSet } from './reactions';

/**
 * Embedded mode: the API process runs the reactions itself, as it runs the
 * projections. In server mode the workers run them.
 */
@Injectable()
export class EmbeddedReactions implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reactions');
  private set: ProjectionSet | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The runners, when this process runs the reactions (tests wait on their positions). */
  get runners(): ProjectionSet | null {
    return this.set;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mode !== 'embedded') return;
    const executor = this.moduleRef.get(CommandExecutor, { strict: false });
    this.set = reactionSet(this.store, this.db, executor, { log: (m) => this.logger.warn(m) });
    await this.set.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.set?.stop();
    this.set = null;
  }
}
