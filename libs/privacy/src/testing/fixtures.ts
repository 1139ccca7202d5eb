import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openReadModel } from '@pls/read-model';
import type { DataSource } from 'typeorm';
import { MasterKeyring } from '../keyring/master-keyring';
import { PRIVACY_MIGRATIONS } from '../migrations';
import { residentIdCheckChar } from '../person/resident-id';

/** A resident ID number with a correct check character (GB 11643). */
export function residentId(body17: string): string {
  return body17 + residentIdCheckChar(body17);
}

/** Same body, wrong check character. */
export function badChecksumId(body17: string): string {
  const right = residentIdCheckChar(body17);
  return body17 + (right === '0' ? '1' : '0');
}

export const ZHANG_SAN = {
  name: '张三',
  phone: '13812341234',
  idNumber: residentId('11010519900307123'),
} as const;

/** A keyring of fresh random keys, the first active. */
export function keyringOf(...kids: string[]): MasterKeyring {
  return new MasterKeyring(kids.map((kid) => ({ kid, key: randomBytes(32) })));
}

export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  readonly dataSource: DataSource;
  /** Opens the same database again (runs the migrations again). */
  reopen(): Promise<DataSource>;
  close(): Promise<void>;
}

/** A migrated read model in a temporary SQLite file. */
export async function openSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'pls-privacy-'));
  const options = { url: `sqlite:${join(dir, 'read.db')}`, kind: 'sqlite' as const, migrations: PRIVACY_MIGRATIONS };
  const opened: DataSource[] = [await openReadModel(options)];
  return {
    kind: 'sqlite',
    dataSource: opened[0]!,
    reopen: async () => {
      const ds = await openReadModel(options);
      opened.push(ds);
      return ds;
    },
    close: async () => {
      for (const ds of opened) if (ds.isInitialized) await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated read model in a fresh PostgreSQL schema, dropped on close. */
export async function openPostgresDatabase(url: string): Promise<TestDatabase> {
  const schema = `privacy_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const options = { url, kind: 'postgres' as const, schema, poolSize: 4, migrations: PRIVACY_MIGRATIONS };
  const opened: DataSource[] = [await openReadModel(options)];
  return {
    kind: 'postgres',
    dataSource: opened[0]!,
    reopen: async () => {
      const ds = await openReadModel(options);
      opened.push(ds);
      return ds;
    },
    close: async () => {
      await opened[0]!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      for (const ds of opened) if (ds.isInitialized) await ds.destroy();
    },
  };
}
