import type { AppConfig } from '@pls/config';
import type { EventStore } from '@pls/event-store';
import { openEventStore } from '@pls/event-store/open-event-store';
import { configureDeadlines } from '@pls/jobs';
import { configureMediationDueDays } from '@pls/mediation';
import { loadMasterKeyring, type MasterKeyring } from '@pls/privacy';
import { openReadModel } from '@pls/read-model';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { READ_MODEL_MIGRATIONS } from './migrations';
import { connectRedis } from './redis';

/** What every process (api, worker, CLI) holds open. */
export interface Infrastructure {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly readModel: DataSource;
  readonly redis: Redis | null;
  /** Master keys of the personal-data vault. */
  readonly keyring: MasterKeyring;
}

/**
 * The composition root: the only place that picks adapters. Every connection
 * is opened (and migrated) before Nest is built, so a wrong or unreachable URL
 * fails at start-up with one clear line, never on the first request.
 */
export async function openInfrastructure(config: AppConfig): Promise<Infrastructure> {
  const opened: Array<() => Promise<unknown> | void> = [];
  try {
    // The keyring first: a bad or missing master key fails before anything is opened.
    const keyring = loadMasterKeyring(config);
    applyTimeLimits(config);
    const store = await openEventStore(config.eventStoreUrl);
    opened.push(() => store.close());
    const readModel = await openReadModel({ url: config.databaseUrl, kind: config.databaseKind, migrations: READ_MODEL_MIGRATIONS }).catch(
      (error: Error) => {
        throw new Error(`cannot open the read-model database (${redact(config.databaseUrl)}): ${error.message}`);
      },
    );
    opened.push(() => readModel.destroy());
    const redis = config.redisUrl ? await connectRedis(config.redisUrl) : null;
    return { config, store, readModel, redis, keyring };
  } catch (error) {
    for (const close of opened.reverse()) await Promise.resolve(close()).catch(() => undefined);
    throw error;
  }
}

/** The process's time limits from the configuration (all limits are settings), before any command or projection runs. */
export function applyTimeLimits(config: Pick<AppConfig, 'timeLimits'>): void {
  const { mediationDueDays, ...deadlines } = config.timeLimits;
  configureDeadlines({ settings: deadlines });
  configureMediationDueDays(mediationDueDays);
}

export async function closeInfrastructure(infra: Pick<Infrastructure, 'store' | 'readModel' | 'redis'>): Promise<void> {
  await infra.store.close().catch(() => undefined);
  if (infra.readModel.isInitialized) await infra.readModel.destroy().catch(() => undefined);
  infra.redis?.disconnect();
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
