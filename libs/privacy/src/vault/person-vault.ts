import { isUuid, newId } from '@pls/event-sourcing';
import type { DataSource } from 'typeorm';
import { exclusive, writeTransaction } from '@pls/read-model';
import { newKey, open, seal } from '../crypto/aes-gcm';
import type { MasterKeyring } from '../keyring/master-keyring';
import { samePersonData, validateRegisterPerson, type PersonData, type RegisterPerson } from '../person/person.fields';
import { maskPerson, type MaskedPerson } from '../person/person.masking';
import { PersonAlreadyExistsError, PersonNotFoundError, VaultIntegrityError } from '../privacy.errors';
import { normalisePhone, PHONE_INDEX_TABLE, phoneDigest } from './phone-index';

export const VAULT_PERSONS_TABLE = 'vault_persons';

/** A person's clear data, for audited use only. */
export interface RevealedPerson extends PersonData {
  readonly id: string;
}

export interface PersonVaultOptions {
  /** ISO-8601 instant for `created_at`; default the system clock. */
  readonly now?: () => string;
  /** Id of a person registered without one; default a random UUID. */
  readonly newId?: () => string;
}

export interface RewrapOptions {
  /** Rows read and updated per transaction; default 500. */
  readonly batchSize?: number;
  /** After each batch: how many were re-wrapped so far, and the last id seen. */
  readonly onBatch?: (progress: { rewrapped: number; lastId: string }) => void;
  readonly signal?: AbortSignal;
}

export interface RewrapResult {
  readonly activeKid: string;
  readonly rewrapped: number;
  /** Live data keys per master key id after the pass. */
  readonly byKid: Record<string, number>;
}

/** A `vault_persons` row as the driver returns it. */
interface VaultRow {
  readonly id: string;
  readonly kid: string;
  readonly wrapped_key: string | null;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
  readonly created_at: string;
  readonly erased_at: string | null;
}

// Plaintext is padded to a multiple of this: nearly every person's data fits one block, so
// ciphertext lengths tell nothing about the length of a name.
const PAD_TO = 256;
const ID_BATCH = 500;

/**
 * The personal-data vault (DOMAIN.md "Personal data (PIPL)"): events carry a
 * person id, the vault holds the person's name, phone and ID number, encrypted
 * together under a data key of their own, which is wrapped by the keyring's
 * active master key. Usable without Nest: a read-model DataSource migrated
 * with `PRIVACY_MIGRATIONS`, and a keyring from `loadMasterKeyring`.
 */
export class PersonVault {
  private readonly now: () => string;
  private readonly newId: () => string;
  /** `vault_persons`, schema-qualified when the DataSource names a schema (PostgreSQL tests). */
  private readonly table: string;
  private readonly phoneTable: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: MasterKeyring,
    options: PersonVaultOptions = {},
  ) {
    this.now = options.now ?? (() => new Date().toISOString());
    this.newId = options.newId ?? newId;
    this.table = vaultPersonsTable(dataSource);
    const schema = (dataSource.options as { schema?: string }).schema;
    this.phoneTable = dataSource.driver.buildTableName(PHONE_INDEX_TABLE, schema);
  }

  /**
   * Stores a person and answers their id. Idempotent on a client-supplied id:
   * the same id with the same data answers the same; with other data it is
   * refused ({@link PersonAlreadyExistsError}, 409). Invalid or unknown fields:
   * `PersonValidationError` (422), listing them all.
   */
  async register(input: RegisterPerson): Promise<{ id: string }> {
    const { id: given, data } = validateRegisterPerson(input);
    const id = given ?? this.newId();
    const found = await this.row(id);
    if (found) return this.sameOrRefuse(found, data);

    const row = this.encrypt(id, data);
    // Two requests with the same id may race: one row wins, the other compares.
    await exclusive(this.dataSource, () => this.dataSource.createQueryBuilder().insert().into(this.table).values(row).orIgnore().execute());
    const stored = await this.row(id);
    if (!stored) throw new Error(`person ${id} was not stored`);
    if (stored.iv === row.iv && stored.ciphertext === row.ciphertext) {
      await this.index(id, data.phone);
      return { id };
    }
    return this.sameOrRefuse(stored, data);
  }

  /** Whether `id` names a registered (not erased) person. */
  async exists(id: string): Promise<boolean> {
    return (await this.existing([id])).has(id);
  }

  /**
   * Those of `ids` that name registered (not erased) persons, as given — one
   * query per 500 ids, for reference checks on a whole body.
   */
  async existing(ids: Iterable<string>): Promise<Set<string>> {
    const asked = new Map<string, string[]>();
    for (const id of ids) {
      if (!isUuid(id)) continue;
      const key = id.toLowerCase();
      asked.set(key, [...(asked.get(key) ?? []), id]);
    }
    const found = new Set<string>();
    const keys = [...asked.keys()];
    for (let i = 0; i < keys.length; i += ID_BATCH) {
      const rows: Array<{ id: string }> = await this.dataSource
        .createQueryBuilder()
        .select('p.id', 'id')
        .from(this.table, 'p')
        .where('p.id IN (:...ids)', { ids: keys.slice(i, i + ID_BATCH) })
        .andWhere('p.erased_at IS NULL')
        .getRawMany();
      for (const row of rows) for (const id of asked.get(row.id) ?? []) found.add(id);
    }
    return found;
  }

  /**
   * The person's clear data. Every call must be audited by the caller
   * (DOMAIN.md: every read of clear personal data is audited). Unknown or
   * erased: {@link PersonNotFoundError}; undecryptable: `VaultIntegrityError`.
   */
  async reveal(id: string): Promise<RevealedPerson> {
    const row = await this.liveRow(id);
    return { id: row.id, ...this.decrypt(row) };
  }

  /** What lists and views may show: 张*, 138****1234, 1101**********1234. */
  async masked(id: string): Promise<MaskedPerson> {
    const row = await this.liveRow(id);
    return maskPerson(row.id, this.decrypt(row));
  }

  /** `live`, `erased`, or `null` for an id the vault never held. */
  async status(id: string): Promise<'live' | 'erased' | null> {
    const row = isUuid(id) ? await this.row(id.toLowerCase()) : null;
    if (!row) return null;
    return row.erased_at === null ? 'live' : 'erased';
  }

  /**
   * Crypto-shredding: deletes the person's wrapped data key and ciphertext,
   * so no copy of the row (a backup, a replica) opens any more either.
   * Idempotent; answers whether the vault held the person.
   */
  async erase(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const key = id.toLowerCase();
    await exclusive(this.dataSource, () =>
      this.dataSource
        .createQueryBuilder()
        .update(this.table)
        .set({ wrapped_key: null, iv: '', ciphertext: '', tag: '', erased_at: this.now() })
        .where('id = :id AND erased_at IS NULL', { id: key })
        .execute(),
    );
    await exclusive(this.dataSource, () =>
      this.dataSource.createQueryBuilder().delete().from(this.phoneTable).where('person_id = :id', { id: key }).execute(),
    );
    return (await this.row(key)) !== null;
  }

  /**
   * Live persons whose phone number is `phone` (any separators, +86 or not),
   * found by its blind index under every configured master key. `[]` for
   * what cannot be a phone number. Like any read of personal data, the caller
   * audits it.
   */
  async findByPhone(phone: string): Promise<string[]> {
    const normalised = normalisePhone(phone);
    if (normalised === null) return [];
    const digests = this.keyring.kids.map((kid) => phoneDigest(this.keyring, normalised, kid));
    const rows: Array<{ id: string }> = await this.dataSource
      .createQueryBuilder()
      .select('i.person_id', 'id')
      .from(this.phoneTable, 'i')
      // Joins take the plain name (a dotted one reads as a relation path); the search_path names the schema.
      .innerJoin(VAULT_PERSONS_TABLE, 'p', 'p.id = i.person_id')
      .where('i.digest IN (:...digests)', { digests })
      .andWhere('p.erased_at IS NULL')
      .orderBy('i.person_id', 'ASC')
      .getRawMany();
    return rows.map((r) => r.id);
  }

  /**
   * Computes the phone index of every live person who has none, or one under
   * another master key than the active one (after a rotation: run it with the
   * rewrap, before the old key leaves). Batched, resumable, idempotent.
   */
  async reindexPhones(options: { batchSize?: number; signal?: AbortSignal } = {}): Promise<{ indexed: number }> {
    const batchSize = options.batchSize ?? 500;
    const active = this.keyring.activeKid;
    let indexed = 0;
    let after = '';
    for (;;) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('reindex aborted');
      const batch: VaultRow[] = await this.dataSource
        .createQueryBuilder()
        .select(['p.id AS id', 'p.kid AS kid', 'p.wrapped_key AS wrapped_key', 'p.iv AS iv', 'p.ciphertext AS ciphertext'])
        .addSelect(['p.tag AS tag', 'p.created_at AS created_at', 'p.erased_at AS erased_at'])
        .from(this.table, 'p')
        .leftJoin(PHONE_INDEX_TABLE, 'i', 'i.person_id = p.id')
        .where('p.erased_at IS NULL AND p.wrapped_key IS NOT NULL AND p.id > :after', { after })
        .andWhere('(i.person_id IS NULL OR i.kid <> :active)', { active })
        .orderBy('p.id', 'ASC')
        .limit(batchSize)
        .getRawMany();
      if (batch.length === 0) break;
      for (const row of batch) {
        await this.index(row.id, this.decrypt(row).phone);
        indexed++;
      }
      after = batch[batch.length - 1]!.id;
    }
    return { indexed };
  }

  /** One index row per person (an empty digest when there is no phone, so a reindex pass skips them). */
  private async index(id: string, phone: string | null): Promise<void> {
    const normalised = phone === null ? null : normalisePhone(phone);
    const values = { person_id: id, kid: this.keyring.activeKid, digest: normalised === null ? '' : phoneDigest(this.keyring, normalised) };
    await exclusive(this.dataSource, () =>
      this.dataSource.createQueryBuilder().insert().into(this.phoneTable).values(values).orUpdate(['kid', 'digest'], ['person_id']).execute(),
    );
  }

  /**
   * Re-wraps every data key not wrapped by the active master key under it, in
   * batches of `batchSize` — a few bytes a person; the personal ciphertext and
   * the events are never touched. Resumable and idempotent: it selects only
   * rows of other kids, and each update applies only if the row still holds
   * the wrapped key it read (a concurrent run or registration is not undone).
   * Afterwards the old master keys can leave `PLS_VAULT_MASTER_KEY`.
   */
  async rewrap(options: RewrapOptions = {}): Promise<RewrapResult> {
    const batchSize = options.batchSize ?? 500;
    const active = this.keyring.activeKid;
    let rewrapped = 0;
    let after = '';
    for (;;) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('rewrap aborted');
      const batch: Array<{ id: string; kid: string; wrapped_key: string }> = await this.dataSource
        .createQueryBuilder()
        .select(['p.id AS id', 'p.kid AS kid', 'p.wrapped_key AS wrapped_key'])
        .from(this.table, 'p')
        .where('p.kid <> :active AND p.wrapped_key IS NOT NULL AND p.id > :after', { active, after })
        .orderBy('p.id', 'ASC')
        .limit(batchSize)
        .getRawMany();
      if (batch.length === 0) break;
      const updates = batch.map((row) => {
        const dataKey = this.keyring.unwrap({ kid: row.kid, wrappedKey: row.wrapped_key }, row.id);
        try {
          return { row, wrapped: this.keyring.wrap(dataKey, row.id) };
        } finally {
          dataKey.fill(0);
        }
      });
      await writeTransaction(this.dataSource, async (tx) => {
          for (const { row, wrapped } of updates) {
            const result = await tx
              .createQueryBuilder()
              .update(this.table)
              .set({ kid: wrapped.kid, wrapped_key: wrapped.wrappedKey })
              .where('id = :id AND kid = :kid AND wrapped_key = :old', { id: row.id, kid: row.kid, old: row.wrapped_key })
              .execute();
            if ((result.affected ?? 1) > 0) rewrapped++;
          }
      });
      after = batch[batch.length - 1]!.id;
      options.onBatch?.({ rewrapped, lastId: after });
    }
    return { activeKid: active, rewrapped, byKid: await this.countByKid() };
  }

  /** How many live data keys each master key wraps: an old kid at 0 can leave the configuration. */
  async countByKid(): Promise<Record<string, number>> {
    const rows: Array<{ kid: string; n: string | number }> = await this.dataSource
      .createQueryBuilder()
      .select(['p.kid AS kid', 'COUNT(*) AS n'])
      .from(this.table, 'p')
      .where('p.wrapped_key IS NOT NULL')
      .groupBy('p.kid')
      .getRawMany();
    return Object.fromEntries(rows.map((r) => [r.kid, Number(r.n)]));
  }

  private async liveRow(id: string): Promise<VaultRow> {
    const row = isUuid(id) ? await this.row(id.toLowerCase()) : null;
    if (!row || row.erased_at !== null) throw new PersonNotFoundError();
    return row;
  }

  private async row(id: string): Promise<VaultRow | null> {
    const row: VaultRow | undefined = await this.dataSource
      .createQueryBuilder()
      .select(['p.id AS id', 'p.kid AS kid', 'p.wrapped_key AS wrapped_key', 'p.iv AS iv', 'p.ciphertext AS ciphertext'])
      .addSelect(['p.tag AS tag', 'p.created_at AS created_at', 'p.erased_at AS erased_at'])
      .from(this.table, 'p')
      .where('p.id = :id', { id })
      .getRawOne();
    return row ?? null;
  }

  private sameOrRefuse(row: VaultRow, data: PersonData): { id: string } {
    if (row.erased_at !== null) throw new PersonAlreadyExistsError();
    if (!samePersonData(this.decrypt(row), data)) throw new PersonAlreadyExistsError();
    return { id: row.id };
  }

  private encrypt(id: string, data: PersonData): VaultRow {
    const dataKey = newKey();
    try {
      const json = JSON.stringify({ name: data.name, phone: data.phone, idNumber: data.idNumber });
      const bytes = Buffer.byteLength(json, 'utf8');
      const plaintext = Buffer.from(json.padEnd(json.length + (PAD_TO - (bytes % PAD_TO)) % PAD_TO, ' '), 'utf8');
      const sealed = seal(dataKey, plaintext, personAad(id));
      const wrapped = this.keyring.wrap(dataKey, id);
      return {
        id,
        kid: wrapped.kid,
        wrapped_key: wrapped.wrappedKey,
        iv: sealed.iv.toString('base64'),
        ciphertext: sealed.ciphertext.toString('base64'),
        tag: sealed.tag.toString('base64'),
        created_at: this.now(),
        erased_at: null,
      };
    } finally {
      dataKey.fill(0);
    }
  }

  private decrypt(row: VaultRow): PersonData {
    if (row.wrapped_key === null) throw new VaultIntegrityError(`person ${row.id} has no data key`);
    const dataKey = this.keyring.unwrap({ kid: row.kid, wrappedKey: row.wrapped_key }, row.id);
    try {
      const plaintext = open(
        dataKey,
        { iv: Buffer.from(row.iv, 'base64'), ciphertext: Buffer.from(row.ciphertext, 'base64'), tag: Buffer.from(row.tag, 'base64') },
        personAad(row.id),
        `the personal data of person ${row.id}`,
      );
      const parsed = JSON.parse(plaintext.toString('utf8')) as PersonData;
      return { name: parsed.name, phone: parsed.phone ?? null, idNumber: parsed.idNumber ?? null };
    } finally {
      dataKey.fill(0);
    }
  }
}

/** The vault table as queries name it: `schema.vault_persons` when the DataSource has a schema. */
export function vaultPersonsTable(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  return dataSource.driver.buildTableName(VAULT_PERSONS_TABLE, schema);
}

function personAad(id: string): string {
  return `pls-vault/v1/person/${id}`;
}
