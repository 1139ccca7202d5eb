import type { DataSource, EntityManager } from 'typeorm';
import { exclusive } from './write-transaction';

/** Checkpoint rows of `projection_checkpoints`, written in the same transaction as the batch. */
export class Checkpoints {
  constructor(private readonly db: DataSource) {}

  async read(name: string): Promise<number> {
    await exclusive(this.db, () =>
      this.db
        .createQueryBuilder()
        .insert()
        .into('projection_checkpoints')
        .values({ name, position: 0, updated_at: new Date().toISOString() })
        .orIgnore()
        .execute(),
    );
    const row = await this.db
      .createQueryBuilder()
      .select('c.position', 'position')
      .from('projection_checkpoints', 'c')
      .where('c.name = :name', { name })
      .getRawOne<{ position: string | number }>();
    return Number(row?.position ?? 0);
  }

  /**
   * Moves the checkpoint from `from` to `to`. Zero rows updated means another
   * runner moved it first: the caller's transaction must roll back, so a batch
   * is never counted twice even if two runners ever overlap.
   */
  async advance(tx: EntityManager, name: string, from: number, to: number): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update('projection_checkpoints')
      .set({ position: to, updated_at: new Date().toISOString() })
      .where('name = :name AND position = :from', { name, from })
      .execute();
    if (result.affected !== 1) throw new CheckpointMovedError(name, from);
  }
}

export class CheckpointMovedError extends Error {
  constructor(readonly projection: string, readonly expected: number) {
    super(`checkpoint of ${projection} is no longer at ${expected}: another runner applied this batch`);
    this.name = 'CheckpointMovedError';
  }
}
