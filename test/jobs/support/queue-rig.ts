/* BullMQ on the test Redis: a fresh queue name per spec, ioredis connections
 * that are closed afterwards, and a condition wait (specs wait for an outcome,
 * never assert on how long it took). */
import { DeadlineEnqueuer, DeadlineQueue, DeadlineWorker, type DeadlineWorkerOptions } from '@pls/jobs/queue';
import type { DeadlineFiring } from '@pls/jobs';
import { redisUrl } from '@test/support/services';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { JobsHarness } from './jobs-harness';

export function freshQueueName(): string {
  return `deadlines-test-${randomBytes(6).toString('hex')}`;
}

/** A connection to the test Redis (`db` selects a logical database: the FLUSHDB spec uses one of its own). */
export function redis(db = 0): IORedis {
  const connection = new IORedis(`${redisUrl}/${db}`, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  return connection;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface QueueRig {
  readonly name: string;
  readonly connection: IORedis;
  readonly queue: DeadlineQueue;
  readonly enqueuer: DeadlineEnqueuer;
  readonly workers: DeadlineWorker[];
  readonly logs: string[];
  startWorker(firing?: DeadlineFiring, options?: DeadlineWorkerOptions): Promise<DeadlineWorker>;
  close(): Promise<void>;
}

/** A fresh queue, the enqueuer over the harness's deadlines table, and workers started on demand. */
export function queueRig(h: JobsHarness, options: { db?: number } = {}): QueueRig {
  const name = freshQueueName();
  const connection = redis(options.db);
  const queue = new DeadlineQueue(connection, { name, clock: h.clock, backoffMs: 50 });
  const logs: string[] = [];
  const enqueuer = new DeadlineEnqueuer(h.db, queue, h.firing, { pollMs: 100_000, reconcileMs: 100_000, log: (m) => logs.push(m) });
  const workers: DeadlineWorker[] = [];
  return {
    name,
    connection,
    queue,
    enqueuer,
    workers,
    logs,
    async startWorker(firing = h.firing, workerOptions = {}) {
      const worker = new DeadlineWorker(connection, firing, { name, clock: h.clock, log: (m) => logs.push(m), ...workerOptions });
      workers.push(worker);
      await worker.waitUntilReady();
      return worker;
    },
    async close() {
      await enqueuer.stop();
      for (const w of workers) await w.close(true).catch(() => undefined);
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
    },
  };
}
