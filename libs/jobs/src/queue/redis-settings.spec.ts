import type Redis from 'ioredis';
import { checkRedisSettings } from './redis-settings';

const redisWith = (config: Record<string, string>): Pick<Redis, 'config'> =>
  ({ config: async (_get: string, name: string) => [name, config[name]] }) as unknown as Pick<Redis, 'config'>;

describe('checkRedisSettings', () => {
  it('says nothing when Redis keeps jobs (noeviction) and survives restarts (appendonly yes)', async () =>
    expect(await checkRedisSettings(redisWith({ 'maxmemory-policy': 'noeviction', appendonly: 'yes' }), () => undefined)).toEqual([]));

  it('warns, one line each, when Redis may evict jobs or lose them on restart', async () => {
    const lines: string[] = [];
    await checkRedisSettings(redisWith({ 'maxmemory-policy': 'allkeys-lru', appendonly: 'no' }), (l) => lines.push(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warning: Redis maxmemory-policy is allkeys-lru, not noeviction/);
    expect(lines[1]).toMatch(/^warning: Redis appendonly is no, not yes/);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('warns that it could not check when CONFIG is disabled, and does not fail', async () => {
    const refusing = { config: async () => Promise.reject(new Error("ERR unknown command 'CONFIG'")) } as unknown as Pick<Redis, 'config'>;
    expect(await checkRedisSettings(refusing, () => undefined)).toEqual([
      "warning: could not check Redis maxmemory-policy and appendonly (CONFIG GET failed: ERR unknown command 'CONFIG')",
    ]);
  });
});
