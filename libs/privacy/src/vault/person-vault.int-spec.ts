import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { describeWithPostgres, postgresUrl } from '@test/support/services';
import type { DataSource } from 'typeorm';
import { MasterKeyring } from '../keyring/master-keyring';
import { VaultPersons1764400000000 } from '../migrations';
import { PersonAlreadyExistsError, PersonNotFoundError, PersonValidationError, PrivacyErrorCode, VaultIntegrityError } from '../privacy.errors';
import { badChecksumId, keyringOf, openPostgresDatabase, openSqliteDatabase, residentId, ZHANG_SAN, type TestDatabase } from '../testing/fixtures';
import { PersonVault, vaultPersonsTable } from './person-vault';

interface Row {
  id: string;
  kid: string;
  wrapped_key: string | null;
  iv: string;
  ciphertext: string;
  tag: string;
  created_at: string;
  erased_at: string | null;
}

function vaultSuite(open: () => Promise<TestDatabase>): void {
  let db: TestDatabase;
  let ds: DataSource;
  let keyring: MasterKeyring;
  let vault: PersonVault;

  beforeEach(async () => {
    db = await open();
    ds = db.dataSource;
    keyring = keyringOf('k1');
    vault = new PersonVault(ds, keyring, { now: () => '2025-03-01T08:00:00.000+08:00' });
  });
  afterEach(() => db.close());

  const rows = (): Promise<Row[]> => ds.createQueryBuilder().select('*').from(vaultPersonsTable(ds), 'p').orderBy('p.id').getRawMany();
  const rowOf = async (id: string): Promise<Row> => (await rows()).find((r) => r.id === id)!;
  const setColumn = (id: string, column: keyof Row, value: string | null) =>
    ds.createQueryBuilder().update(vaultPersonsTable(ds)).set({ [column]: value }).where('id = :id', { id }).execute();
  const flipFirstByte = (base64: string) => {
    const bytes = Buffer.from(base64, 'base64');
    bytes[0] = bytes[0]! ^ 0x01;
    return bytes.toString('base64');
  };

  describe('encryption', () => {
    it('gives back what was registered', async () => {
      const { id } = await vault.register(ZHANG_SAN);
      expect(await vault.reveal(id)).toEqual({ id, ...ZHANG_SAN });
      const bare = await vault.register({ name: 'Li Si' });
      expect(await vault.reveal(bare.id)).toEqual({ id: bare.id, name: 'Li Si', phone: null, idNumber: null });
    });

    it('stores nothing personal in clear: not in the rows, not in the database', async () => {
      const people = [ZHANG_SAN, { name: '欧阳娜娜', phone: '010-62751234', idNumber: residentId('44030419851111004') }];
      for (const p of people) await vault.register(p);
      const needles = people.flatMap((p) => [p.name, p.phone, p.idNumber, p.phone.slice(-4) + '"', p.idNumber.slice(6, 14)]);

      const dump = JSON.stringify(await rows());
      for (const needle of needles) expect(dump).not.toContain(needle);
      // base64 hides nothing: look inside the decoded values too.
      for (const row of await rows()) {
        const decoded = Buffer.concat([row.ciphertext, row.iv, row.tag, row.wrapped_key!].map((v) => Buffer.from(v, 'base64')));
        for (const needle of needles) expect(decoded.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      }
      if (db.kind === 'sqlite') {
        const file = (ds.options.database as string);
        const bytes = Buffer.concat(readdirSync(dirname(file)).map((f) => readFileSync(`${dirname(file)}/${f}`)));
        for (const needle of needles) expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
      }
    });

    it('pads the plaintext, so ciphertext lengths do not tell names apart', async () => {
      const short = await vault.register({ name: '王' });
      const long = await vault.register({ name: '王'.repeat(15) });
      expect((await rowOf(short.id)).ciphertext.length).toBe((await rowOf(long.id)).ciphertext.length);
    });

    it('gives every person a data key of their own', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await vault.register(ZHANG_SAN)).id);
      const stored = await Promise.all(ids.map(rowOf));
      const dataKeys = stored.map((r) => keyring.unwrap({ kid: r.kid, wrappedKey: r.wrapped_key! }, r.id).toString('hex'));
      expect(new Set(dataKeys).size).toBe(5);
      expect(new Set(stored.map((r) => r.wrapped_key)).size).toBe(5);
      expect(new Set(stored.map((r) => r.ciphertext)).size).toBe(5);
      expect(stored.map((r) => r.kid)).toEqual(['k1', 'k1', 'k1', 'k1', 'k1']);
    });

    it.each<[string, keyof Row]>([
      ['ciphertext', 'ciphertext'],
      ['authentication tag', 'tag'],
      ['iv', 'iv'],
      ['wrapped data key', 'wrapped_key'],
    ])('refuses loudly to read a tampered %s', async (_what, column) => {
      const { id } = await vault.register(ZHANG_SAN);
      await setColumn(id, column, flipFirstByte((await rowOf(id))[column] as string));
      await expect(vault.reveal(id)).rejects.toThrow(VaultIntegrityError);
      await expect(vault.masked(id)).rejects.toThrow(VaultIntegrityError);
      // A repeat of the registration must not pass for "the same person".
      await expect(vault.register({ id, ...ZHANG_SAN })).rejects.toThrow(VaultIntegrityError);
    });

    it('refuses ciphertext moved to another person', async () => {
      const a = await vault.register(ZHANG_SAN);
      const b = await vault.register({ name: '李四' });
      const rowA = await rowOf(a.id);
      for (const column of ['kid', 'wrapped_key', 'iv', 'ciphertext', 'tag'] as const) await setColumn(b.id, column, rowA[column]);
      await expect(vault.reveal(b.id)).rejects.toThrow(VaultIntegrityError);
    });
  });

  describe('master-key rotation', () => {
    it('reads persons wrapped by an older key once a new one is active', async () => {
      const oldKey = { kid: 'k1', key: randomBytes(32) };
      const before = new PersonVault(ds, new MasterKeyring([oldKey]));
      const { id: oldId } = await before.register(ZHANG_SAN);

      const rotated = new MasterKeyring([{ kid: 'k2', key: randomBytes(32) }, oldKey]);
      const after = new PersonVault(ds, rotated);
      expect(await after.reveal(oldId)).toEqual({ id: oldId, ...ZHANG_SAN });
      const { id: newId } = await after.register({ name: '李四' });
      expect((await rowOf(newId)).kid).toBe('k2');
      expect((await rowOf(oldId)).kid).toBe('k1');
      // Idempotency survives the rotation too.
      expect(await after.register({ id: oldId, ...ZHANG_SAN })).toEqual({ id: oldId });
    });

    it('names the missing key id when the keyring lost the key that wrapped a person', async () => {
      const { id } = await vault.register(ZHANG_SAN);
      const forgetful = new PersonVault(ds, keyringOf('k2'));
      await expect(forgetful.reveal(id)).rejects.toThrow(/"k1".*does not hold/);
    });

    it('does not open a person under another key with the same id', async () => {
      const { id } = await vault.register(ZHANG_SAN);
      await expect(new PersonVault(ds, keyringOf('k1')).reveal(id)).rejects.toThrow(VaultIntegrityError);
    });
  });

  describe('register', () => {
    it('is idempotent on a client-supplied id', async () => {
      const id = randomUUID();
      expect(await vault.register({ id, ...ZHANG_SAN })).toEqual({ id });
      expect(await vault.register({ id, ...ZHANG_SAN })).toEqual({ id });
      // Same data once normalised: spaces, lower-case x, upper-case id.
      const x = residentId('11010519491231002');
      const other = randomUUID();
      await vault.register({ id: other, name: '赵六', idNumber: x });
      expect(await vault.register({ id: other.toUpperCase(), name: ' 赵六 ', idNumber: x.toLowerCase(), phone: '' })).toEqual({ id: other });
      expect((await rows()).length).toBe(2);
    });

    it('refuses the same id with other data (409 PERSON.ALREADY_EXISTS)', async () => {
      const id = randomUUID();
      await vault.register({ id, ...ZHANG_SAN });
      const refusal = vault.register({ id, ...ZHANG_SAN, phone: '13900001111' });
      await expect(refusal).rejects.toThrow(PersonAlreadyExistsError);
      await expect(refusal).rejects.toMatchObject({ code: PrivacyErrorCode.PERSON_ALREADY_EXISTS, kind: 'conflict' });
      await expect(vault.register({ id, name: ZHANG_SAN.name })).rejects.toThrow(PersonAlreadyExistsError);
      expect(await vault.reveal(id)).toEqual({ id, ...ZHANG_SAN });
    });

    it('lets one of concurrent registrations of an id win; equal repeats agree, others are refused', async () => {
      const id = randomUUID();
      const same = await Promise.all(Array.from({ length: 4 }, () => vault.register({ id, ...ZHANG_SAN })));
      expect(same).toEqual(Array.from({ length: 4 }, () => ({ id })));

      const contested = randomUUID();
      const outcomes = await Promise.allSettled(
        ['13800000001', '13800000002', '13800000003', '13800000004'].map((phone) => vault.register({ id: contested, name: '钱七', phone })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
        expect(o.reason).toBeInstanceOf(PersonAlreadyExistsError);
      }
      expect((await rows()).length).toBe(2);
    });

    it('refuses invalid data with every field named, and stores nothing', async () => {
      const refusal = vault.register({ name: '  ', phone: '12345', idNumber: badChecksumId('11010519900307123'), nickname: 'x' } as never);
      await expect(refusal).rejects.toThrow(PersonValidationError);
      const error = (await refusal.catch((e: unknown) => e)) as PersonValidationError;
      expect(error.code).toBe('VALIDATION.FAILED');
      expect(error.errors.map((e) => e.field).sort()).toEqual(['idNumber', 'name', 'nickname', 'phone']);
      expect((await rows()).length).toBe(0);
    });

    it('draws an id when none is given', async () => {
      const a = await vault.register({ name: '孙八' });
      const b = await vault.register({ name: '孙八' });
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.id).not.toBe(b.id);
    });
  });

  describe('lookups', () => {
    it('answers exists and existing for reference checks', async () => {
      const a = await vault.register(ZHANG_SAN);
      const b = await vault.register({ name: '李四' });
      const unknown = randomUUID();
      expect(await vault.exists(a.id)).toBe(true);
      expect(await vault.exists(unknown)).toBe(false);
      expect(await vault.exists('not-a-uuid')).toBe(false);
      expect(await vault.existing([a.id, unknown, b.id.toUpperCase(), 'x', a.id])).toEqual(new Set([a.id, b.id.toUpperCase()]));
      expect(await vault.existing([])).toEqual(new Set());
    });

    it('looks up more ids than one query takes', async () => {
      const known = (await vault.register({ name: '周九' })).id;
      const ids = [...Array.from({ length: 1200 }, () => randomUUID()), known];
      expect(await vault.existing(ids)).toEqual(new Set([known]));
    });

    it('shows a person masked', async () => {
      const { id } = await vault.register(ZHANG_SAN);
      expect(await vault.masked(id)).toEqual({ id, name: '张*', phone: '138****1234', idNumber: '1101**********1239' });
      const bare = await vault.register({ name: 'Li Si' });
      expect(await vault.masked(bare.id)).toEqual({ id: bare.id, name: 'L****', phone: null, idNumber: null });
    });

    it('knows no unknown, malformed or erased person', async () => {
      await expect(vault.masked(randomUUID())).rejects.toThrow(PersonNotFoundError);
      await expect(vault.reveal('nope')).rejects.toMatchObject({ code: 'PERSON.NOT_FOUND', kind: 'not-found' });
      const { id } = await vault.register(ZHANG_SAN);
      await setColumn(id, 'erased_at', '2025-03-02T08:00:00.000+08:00');
      await setColumn(id, 'wrapped_key', null);
      expect(await vault.exists(id)).toBe(false);
      await expect(vault.masked(id)).rejects.toThrow(PersonNotFoundError);
      await expect(vault.register({ id, ...ZHANG_SAN })).rejects.toThrow(PersonAlreadyExistsError);
    });
  });

  describe('migrations', () => {
    it('run twice harmlessly', async () => {
      const { id } = await vault.register(ZHANG_SAN);
      const again = await db.reopen();
      const runner = again.createQueryRunner();
      try {
        await new VaultPersons1764400000000().up(runner);
      } finally {
        await runner.release();
      }
      expect(await new PersonVault(again, keyring).reveal(id)).toEqual({ id, ...ZHANG_SAN });
      const migrationsTable = again.driver.buildTableName('migrations', (again.options as { schema?: string }).schema);
      const applied: Array<{ name: string }> = await again.createQueryBuilder().select('m.name', 'name').from(migrationsTable, 'm').getRawMany();
      expect(applied.filter((m) => m.name === 'VaultPersons1764400000000')).toHaveLength(1);
    });
  });
}

describe('PersonVault on SQLite', () => vaultSuite(openSqliteDatabase));
describeWithPostgres('PersonVault on PostgreSQL', () => vaultSuite(() => openPostgresDatabase(postgresUrl!)));
