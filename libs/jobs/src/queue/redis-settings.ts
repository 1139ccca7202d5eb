import type Redis from 'ioredis';

/**
 * BullMQ keeps its jobs only as long as Redis does: an eviction policy other
 * than `noeviction` drops jobs under memory pressure, and without the
 * append-only file a restart loses what was not yet snapshotted. Neither is
 * fatal here (the reconcile pass re-enqueues every pending deadline from the
 * database), so each is one warning line, not a refusal to start. Managed
 * Redis often disables CONFIG: that is a warning too.
 */
export async function checkRedisSettings(redis: Pick<Redis, 'config'>, warn: (line: string) => void): Promise<string[]> {
  const warnings: string[] = [];
  const say = (line: string) => {
    warnings.push(line);
    warn(line);
  };
  const read = async (name: string): Promise<string | null> => {
    const reply = (await redis.config('GET', name)) as unknown as string[];
    return Array.isArray(reply) && reply.length >= 2 ? String(reply[1]) : null;
  };
  try {
    const policy = await read('maxmemory-policy');
    if (policy !== 'noeviction') {
      say(`warning: Redis maxmemory-policy is ${policy ?? 'unknown'}, not noeviction: Redis may evict queued deadline jobs (the reconcile pass restores them)`);
    }
    const appendonly = await read('appendonly');
    if (appendonly !== 'yes') {
      say(`warning: Redis appendonly is ${appendonly ?? 'unknown'}, not yes: a Redis restart may lose queued deadline jobs (the reconcile pass restores them)`);
    }
  } catch (error) {
    say(`warning: could not check Redis maxmemory-policy and appendonly (CONFIG GET failed: ${(error as Error).message.split('\n')[0]})`);
  }
  return warnings;
}
