import { checkRedisSettings } from '@pls/jobs/queue';
import { describeWithRedis } from '@test/support/services';
import { redis } from './support/queue-rig';

describeWithRedis('Redis settings check on the test server', () => {
  it('warns exactly about the settings this server gets wrong', async () => {
    const connection = redis();
    try {
      const [, policy] = (await connection.config('GET', 'maxmemory-policy')) as string[];
      const [, appendonly] = (await connection.config('GET', 'appendonly')) as string[];
      const warnings = await checkRedisSettings(connection, () => undefined);
      expect(warnings.some((w) => w.includes('maxmemory-policy'))).toBe(policy !== 'noeviction');
      expect(warnings.some((w) => w.includes('appendonly'))).toBe(appendonly !== 'yes');
    } finally {
      connection.disconnect();
    }
  });
});
