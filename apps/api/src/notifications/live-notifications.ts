import { notificationsQuery, type Notification, type NotificationReader } from '@pls/jobs';
import type { PositionWatch } from '@pls/read-model';
import type { DataSource } from 'typeorm';

export const HEARTBEAT_MS = 15_000;

export interface LiveSink {
  write(chunk: string): void;
  end(): void;
}

/**
 * One `GET /notifications/live` client: the unread count on connect, then,
 * each time the notifications projection advances, the caller's new
 * notifications (after the last position sent) with the unread count; a
 * comment every 15 s keeps proxies from closing the stream. Advances during
 * a query fold into one more query. In server mode the watch follows the
 * worker's positions (Redis fan-out, checkpoint polling as a fallback).
 */
export class LiveNotifications {
  private running = false;
  private again = false;
  private stopped = false;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    watch: PositionWatch,
    private readonly reader: NotificationReader,
    private cursor: number,
    private readonly sink: LiveSink,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    this.unsubscribe = watch.onAdvance(() => void this.refresh());
    this.heartbeat = setInterval(() => this.sink.write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
    this.heartbeat.unref();
  }

  send(message: { unread: number; notifications: readonly Notification[] }): void {
    if (!this.stopped) this.sink.write(`data: ${JSON.stringify(message)}\n\n`);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe();
    clearInterval(this.heartbeat);
    this.sink.end();
  }

  private async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        if (this.stopped) return;
        const fresh = await notificationsQuery.list(this.db, this.reader, { after: this.cursor, limit: 200 });
        if (fresh.length === 0) continue;
        this.cursor = Math.max(this.cursor, ...fresh.map((n) => n.position));
        const unread = await notificationsQuery.unreadCount(this.db, this.reader);
        this.send({ unread, notifications: fresh });
      } while (this.again);
    } catch {
      // The read model is going away (shutdown) or failed: the client reconnects.
      this.stop();
    } finally {
      this.running = false;
    }
  }
}
