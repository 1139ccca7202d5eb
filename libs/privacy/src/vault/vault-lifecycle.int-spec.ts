import { randomBytes, randomUUID } from 'node:crypto';
import { describeWithPostgres, postgresUrl } from '@test/support/services';
import { PersonalDataAccessLog, type AccessEntry } from '../access/access-log';
import { MasterKeyring } from '../keyring/master-keyring';
import { PersonNotFoundError, VaultIntegrityError } from '../privacy.errors';
import { openPostgresDatabase, openSqliteDatabase, ZHANG_SAN, type TestDatabase } from '../testing/fixtures';
import { PersonVault, vaultPersonsTable } from './person-vault';

const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };

function lifecycleSuite(open: () => Promise<TestDatabase>): void {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  const rows = () =>
    db.dataSource
      .createQueryBuilder()
      .select('*')
      .from(vaultPersonsTable(db.dataSource), 'p')
      .orderBy('p.id')
      .getRawMany<Record<string, string | null>>();

  describe('erasure (crypto-shredding)', () => {
    it('deletes the data key and the ciphertext; the person is gone for every read, and stays so', async () => {
      const vault = new PersonVault(db.dataSource, new MasterKeyring([k1]));
      const { id } = await vault.register(ZHANG_SAN);
      const other = await vault.register({ name: '李四' });
      expect(await vault.status(id)).toBe('live');
      expect(await vault.erase(id)).toBe(true);
      expect(await vault.erase(id)).toBe(true);
      expect(await vault.status(id)).toBe('erased');
      const row = (await rows()).find((r) => r['id'] === id)!;
      expect([row['wrapped_key'], row['ciphertext'], row['iv'], row['tag']]).toEqual([null, '', '', '']);
      expect(row['erased_at']).not.toBeNull();
      await expect(vault.reveal(id)).rejects.toThrow(PersonNotFoundError);
      await expect(vault.masked(id)).rejects.toThrow(PersonNotFoundError);
      expect(await vault.exists(id)).toBe(false);
      // The others are untouched.
      expect((await vault.reveal(other.id)).name).toBe('李四');
      expect(await vault.erase(randomUUID())).toBe(false);
      expect(await vault.status(randomUUID())).toBeNull();
    });
  });

  describe('master-key rotation', () => {
    it('re-wraps every data key under the new active key in batches; the old key can then go', async () => {
      const before = new PersonVault(db.dataSource, new MasterKeyring([k1]));
      const people = [];
      for (let i = 0; i < 7; i++) people.push((await before.register({ name: `王${i}`, phone: `1381234000${i}` })).id);
      const gone = (await before.register({ name: '已删' })).id;
      await before.erase(gone);
      const ciphertexts = new Map((await rows()).map((r) => [r['id'], r['ciphertext']]));

      // k2 active, k1 still readable.
      const rotating = new PersonVault(db.dataSource, new MasterKeyring([k2, k1]));
      const fresh = (await rotating.register({ name: '新人' })).id;
      expect(await rotating.countByKid()).toEqual({ k1: 7, k2: 1 });
      const batches: number[] = [];
      const result = await rotating.rewrap({ batchSize: 3, onBatch: (p) => batches.push(p.rewrapped) });
      expect(result).toEqual({ activeKid: 'k2', rewrapped: 7, byKid: { k2: 8 } });
      expect(batches).toEqual([3, 6, 7]);
      // Idempotent: a second pass finds nothing to do.
      expect((await rotating.rewrap()).rewrapped).toBe(0);
      // Only the wrapped keys changed: the personal ciphertext is the same bytes.
      for (const r of await rows()) expect(r['ciphertext']).toBe(ciphertexts.get(r['id']) ?? r['ciphertext']);

      // k1 removed from the configuration: everything still opens.
      const after = new PersonVault(db.dataSource, new MasterKeyring([k2]));
      for (const [i, id] of people.entries())
        expect(await after.reveal(id)).toEqual({ id, name: `王${i}`, phone: `1381234000${i}`, idNumber: null });
      expect((await after.reveal(fresh)).name).toBe('新人');
      await expect(after.reveal(gone)).rejects.toThrow(PersonNotFoundError);
      // Without the rewrap the old key could not have gone.
      const unrotated = await before.register({ name: '旧钥' });
      await expect(after.reveal(unrotated.id)).rejects.toThrow(VaultIntegrityError);
    });

    it('resumes after an interruption and fails loudly on a key it does not hold', async () => {
      const before = new PersonVault(db.dataSource, new MasterKeyring([k1]));
      for (let i = 0; i < 4; i++) await before.register({ name: `赵${i}` });
      const rotating = new PersonVault(db.dataSource, new MasterKeyring([k2, k1]));
      const stop = new AbortController();
      await expect(
        rotating.rewrap({ batchSize: 2, onBatch: () => stop.abort(new Error('interrupted')), signal: stop.signal }),
      ).rejects.toThrow('interrupted');
      expect(await rotating.countByKid()).toEqual({ k1: 2, k2: 2 });
      expect((await rotating.rewrap({ batchSize: 2 })).byKid).toEqual({ k2: 4 });
      await before.register({ name: '孤儿' });
      await expect(new PersonVault(db.dataSource, new MasterKeyring([k2])).rewrap()).rejects.toThrow(VaultIntegrityError);
    });
  });

  describe('finding a caller by phone (blind index)', () => {
    it('finds live persons by their number in any form, not erased ones; follows a rotation once re-indexed', async () => {
      const v1 = new PersonVault(db.dataSource, new MasterKeyring([k1]));
      const a = (await v1.register({ name: '甲', phone: '13812341234' })).id;
      const b = (await v1.register({ name: '乙', phone: '13812341234' })).id;
      const c = (await v1.register({ name: '丙', phone: '010-12345678' })).id;
      await v1.register({ name: '丁' });
      expect(await v1.findByPhone('+86 138 1234 1234')).toEqual([a, b].sort());
      expect(await v1.findByPhone('01012345678')).toEqual([c]);
      expect(await v1.findByPhone('13900000000')).toEqual([]);
      expect(await v1.findByPhone('nonsense')).toEqual([]);
      // The index holds digests only.
      const index = JSON.stringify(await db.dataSource.query('SELECT * FROM vault_phone_index'));
      expect(index).not.toContain('1234');
      await v1.erase(b);
      expect(await v1.findByPhone('13812341234')).toEqual([a]);

      const rotating = new PersonVault(db.dataSource, new MasterKeyring([k2, k1]));
      await rotating.rewrap();
      // Both keys configured: found before and after the re-index.
      expect(await rotating.findByPhone('13812341234')).toEqual([a]);
      expect(await rotating.reindexPhones({ batchSize: 2 })).toEqual({ indexed: 3 });
      expect(await rotating.reindexPhones()).toEqual({ indexed: 0 });
      const v2 = new PersonVault(db.dataSource, new MasterKeyring([k2]));
      expect(await v2.findByPhone('13812341234')).toEqual([a]);
      expect(await v2.findByPhone('010-12345678')).toEqual([c]);
    });
  });

  describe('the personal-data access log', () => {
    const entry = (over: Partial<AccessEntry> = {}): AccessEntry => ({
      actorId: 'u1',
      actorRole: 'worker',
      actorOrgUnitId: 'v1',
      personId: 'p1',
      action: 'reveal',
      fields: ['name', 'phone'],
      reason: 'case-handling',
      requestId: 'req-1',
      ...over,
    });

    it('records who read whose which fields why and when, and lists them newest first a page at a time', async () => {
      let t = 0;
      const log = new PersonalDataAccessLog(db.dataSource, () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)).toISOString());
      const stored = await log.record(entry());
      expect(stored).toEqual({ ...entry(), seq: expect.any(Number), id: expect.any(String), at: '2026-01-01T00:00:00.000Z' });
      await log.record(
        entry({ actorId: 'u2', personId: 'p2', action: 'export', fields: ['name', 'phone', 'idNumber'], reason: 'data-subject-request' }),
      );
      await log.record(entry({ personId: 'p2', action: 'erase', fields: [], requestId: null }));
      await log.record(entry({ actorId: 'u2' }));

      const all = await log.listAccess({ limit: 10 });
      expect(all.items.map((a) => [a.actorId, a.personId, a.action])).toEqual([
        ['u2', 'p1', 'reveal'],
        ['u1', 'p2', 'erase'],
        ['u2', 'p2', 'export'],
        ['u1', 'p1', 'reveal'],
      ]);
      expect(all.items[1]!.fields).toEqual([]);
      expect(all.nextCursor).toBeNull();
      expect((await log.listAccess({ personId: 'p2', limit: 10 })).items.map((a) => a.action)).toEqual(['erase', 'export']);
      expect((await log.listAccess({ actorId: 'u2', limit: 10 })).items).toHaveLength(2);
      const window = await log.listAccess({ from: '2026-01-01T00:00:01Z', to: '2026-01-01T00:00:03Z', limit: 10 });
      expect(window.items.map((a) => a.action)).toEqual(['erase', 'export']);

      const first = await log.listAccess({ limit: 3 });
      expect(first.items).toHaveLength(3);
      const second = await log.listAccess({ limit: 3, cursor: first.nextCursor });
      expect([second.items.map((a) => a.id), second.nextCursor]).toEqual([[stored.id], null]);
      await expect(log.listAccess({ limit: 3, cursor: 'garbage' })).rejects.toMatchObject({ code: 'AUDIT.INVALID_CURSOR' });

      // Oldest first after an (at, seq) key, for the audit trail's merge.
      const merged = await log.list({ after: { at: stored.at, seq: stored.seq }, limit: 2 });
      expect(merged.map((a) => a.action)).toEqual(['export', 'erase']);
      expect(await log.list({ after: { at: stored.at, seq: -1 }, limit: 10 })).toHaveLength(4);
    });
  });
}

describe('vault lifecycle on SQLite', () => lifecycleSuite(openSqliteDatabase));
describeWithPostgres('vault lifecycle on PostgreSQL', () => lifecycleSuite(() => openPostgresDatabase(postgresUrl!)));
