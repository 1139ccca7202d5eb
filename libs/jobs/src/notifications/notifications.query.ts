import { exclusive } from '@pls/read-model';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Notification, NotificationKind, NotificationReader, RecipientType } from './notification';

interface RawRow {
  id: string;
  kind: NotificationKind;
  recipient_type: RecipientType;
  recipient_id: string;
  record_type: Notification['recordType'];
  record_id: string;
  reason: string | null;
  at: string;
  position: string | number;
  read_at: string | null;
}

export interface ListOptions {
  /** `true`: only unread; `false`: only read; absent: both. */
  readonly unread?: boolean;
  /** Newest first, at most this many (default 50). */
  readonly limit?: number;
  /** Only notifications after this position (the live stream's cursor). */
  readonly after?: number;
}

function visibleTo(qb: SelectQueryBuilder<ObjectLiteral>, reader: NotificationReader): SelectQueryBuilder<ObjectLiteral> {
  qb.leftJoin('notification_reads', 'r', 'r.notification_id = n.id AND r.user_id = :user', { user: reader.userId });
  if (reader.orgUnitId === null) return qb.where("n.recipient_type = 'user' AND n.recipient_id = :user", { user: reader.userId });
  return qb.where(
    "((n.recipient_type = 'user' AND n.recipient_id = :user) OR (n.recipient_type = 'unit' AND n.recipient_id = :unit))",
    { user: reader.userId, unit: reader.orgUnitId },
  );
}

function toNotification(row: RawRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    recipientType: row.recipient_type,
    recipientId: row.recipient_id,
    recordType: row.record_type,
    recordId: row.record_id,
    reason: row.reason,
    at: row.at,
    position: Number(row.position),
    read: row.read_at !== null,
  };
}

/** The caller's notifications (their own and their unit's), and who read what. */
export const notificationsQuery = {
  async list(db: DataSource, reader: NotificationReader, options: ListOptions = {}): Promise<Notification[]> {
    const qb = visibleTo(db.createQueryBuilder().from('notifications', 'n'), reader).select([
      'n.id AS id',
      'n.kind AS kind',
      'n.recipient_type AS recipient_type',
      'n.recipient_id AS recipient_id',
      'n.record_type AS record_type',
      'n.record_id AS record_id',
      'n.reason AS reason',
      'n.at AS at',
      'n.position AS position',
      'r.read_at AS read_at',
    ]);
    if (options.unread === true) qb.andWhere('r.notification_id IS NULL');
    if (options.unread === false) qb.andWhere('r.notification_id IS NOT NULL');
    if (options.after !== undefined) qb.andWhere('n.position > :after', { after: options.after });
    const rows = await qb
      .orderBy('n.position', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .limit(options.limit ?? 50)
      .getRawMany<RawRow>();
    return rows.map(toNotification);
  },

  async unreadCount(db: DataSource, reader: NotificationReader): Promise<number> {
    const row = await visibleTo(db.createQueryBuilder().from('notifications', 'n'), reader)
      .select('COUNT(*)', 'count')
      .andWhere('r.notification_id IS NULL')
      .getRawOne<{ count: string | number }>();
    return Number(row?.count ?? 0);
  },

  /** Marks one notification read for the caller: `false` when it is not theirs (or does not exist). */
  async markRead(db: DataSource, reader: NotificationReader, id: string, at: string): Promise<boolean> {
    const visible = await visibleTo(db.createQueryBuilder().from('notifications', 'n'), reader)
      .select('n.id', 'id')
      .andWhere('n.id = :id', { id })
      .getRawOne<{ id: string }>();
    if (!visible) return false;
    await exclusive(db, () =>
      db.createQueryBuilder().insert().into('notification_reads').values({ notification_id: id, user_id: reader.userId, read_at: at }).orIgnore().execute(),
    );
    return true;
  },
};
