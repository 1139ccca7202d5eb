import { notificationsQuery, type NotificationReader } from '@pls/jobs';
import { HEARTBEAT_MS, LiveStream, type AdvanceSource, type LiveSink } from '@pls/read-model';
import type { DataSource } from 'typeorm';

/**
 * One `GET /notifications/live` client: the unread count on connect, then,
 * each time the notifications projection advances, the caller's new
 * notifications (after the last position sent) with the unread count. In
 * server mode the watch follows the worker's positions (Redis fan-out,
 * checkpoint polling as a fallback).
 */
export function liveNotifications(
  db: DataSource,
  watch: AdvanceSource,
  reader: NotificationReader,
  from: number,
  sink: LiveSink,
  unread: number,
  heartbeatMs = HEARTBEAT_MS,
): LiveStream {
  let cursor = from;
  const stream = new LiveStream(
    watch,
    sink,
    async (s) => {
      const fresh = await notificationsQuery.list(db, reader, { after: cursor, limit: 200 });
      if (fresh.length === 0) return;
      cursor = Math.max(cursor, ...fresh.map((n) => n.position));
      s.send({ unread: await notificationsQuery.unreadCount(db, reader), notifications: fresh });
    },
    heartbeatMs,
  );
  stream.send({ unread, notifications: [] });
  return stream;
}
