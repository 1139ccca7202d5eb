import { PositionWatch } from '@pls/read-model';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { ProjectionSet } from './projections';

/**
 * Redis channel on which workers announce how far each projection has got
 * (`<name> <position>`), one per read-model database and schema: deployments
 * (and test runs) sharing a Redis must not hear each other.
 */
export function positionsChannel(db: DataSource): string {
  const options = db.options as { type: string; database?: string; url?: string; schema?: string };
  const database = options.database ?? (options.url ? new URL(options.url).pathname.slice(1) : '');
  return `pls:projection-positions:${options.type}:${database}:${options.schema ?? 'public'}`;
}

/**
 * Worker side: announces every advance of this process's runners (the
 * active ones move; standbys stay silent), at most one message per runner
 * per tick.
 */
export function publishPositions(set: ProjectionSet, redis: Redis, db: DataSource): () => void {
  const channel = positionsChannel(db);
  const stops: Array<() => void> = [];
  for (const [name, runner] of set.runners) {
    let scheduled = false;
    stops.push(
      runner.watch.onAdvance(() => {
        if (scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          redis.publish(channel, `${name} ${runner.watch.position}`).catch(() => undefined);
        });
      }),
    );
  }
  return () => stops.forEach((stop) => stop());
}

/**
 * API side in server mode: the projections run in the workers, so this
 * process only follows their positions — from Redis announcements as they
 * happen, and from the checkpoint rows as a fallback (a lost message, no
 * Redis) — for `minPosition` waits and live updates.
 */
export class PositionFollower {
  readonly watches: ReadonlyMap<string, PositionWatch>;
  private subscriber: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    names: readonly string[],
    private readonly db: DataSource,
    private readonly redis: Redis | null,
    private readonly pollMs = 500,
  ) {
    this.watches = new Map(names.map((n) => [n, new PositionWatch()]));
  }

  async start(): Promise<void> {
    await this.poll();
    if (this.redis) {
      const subscriber = this.redis.duplicate();
      subscriber.on('error', () => undefined);
      subscriber.on('message', (_channel: string, message: string) => {
        const [name, position] = message.split(' ');
        const watch = this.watches.get(name ?? '');
        if (watch && Number.isSafeInteger(Number(position))) watch.advance(Number(position));
      });
      await subscriber.subscribe(positionsChannel(this.db));
      this.subscriber = subscriber;
    }
    this.timer = setInterval(() => void this.poll().catch(() => undefined), this.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscriber?.disconnect();
    this.subscriber = null;
  }

  private async poll(): Promise<void> {
    const rows = await this.db
      .createQueryBuilder()
      .select(['c.name AS name', 'c.position AS position'])
      .from('projection_checkpoints', 'c')
      .getRawMany<{ name: string; position: string | number }>();
    for (const row of rows) this.watches.get(row.name)?.advance(Number(row.position));
  }
}
