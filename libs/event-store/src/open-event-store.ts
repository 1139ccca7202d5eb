import { postgresTarget, sqlitePath, storeKindOf } from '@pls/config';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * The composition root's one place to pick an adapter from `EVENT_STORE_URL`.
 * Server adapters are loaded lazily so embedded mode never loads their drivers.
 * Resolves only once the store answers; an unreachable server rejects with
 * `StoreUnavailableError`, an unknown scheme with `ConfigError`.
 */
export async function openEventStore(url: string): Promise<EventStore> {
  switch (storeKindOf(url)) {
    case 'sqlite': {
      const synchronous = new URLSearchParams(url.split('?')[1] ?? '').get('synchronous') === 'normal' ? 'normal' : 'full';
      return new SqliteEventStore({ path: sqlitePath(url), synchronous });
    }
    case 'postgres': {
      const { PostgresEventStore } = await import('./postgres/postgres-event-store');
      return PostgresEventStore.open(postgresTarget(url));
    }
    case 'kurrentdb': {
      const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store');
      return KurrentDbEventStore.open({ connectionString: url });
    }
  }
}
