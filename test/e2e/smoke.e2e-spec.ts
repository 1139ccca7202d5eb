import { ConfigService } from '@nestjs/config';
import { loadConfig } from '@pls/config';
import { postgresUrl } from '@test/support/services';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../apps/api/src/bootstrap';
import { SPEC_ADMIN_ENV, signInByInject } from '@test/support/sign-in';

it.each(['sqlite', 'postgres'])('boots on %s', async (kind) => {
  if (kind === 'postgres' && !postgresUrl) return;
  const url =
    kind === 'sqlite' ? `sqlite:${mkdtempSync(join(tmpdir(), 'pls-e2e-'))}/pls.db` : `${postgresUrl}?schema=e2e_${randomBytes(4).toString('hex')}`;
  const app = await createApi(
    loadConfig({
      EVENT_STORE_URL: url,
      PLS_DEMO: 'off',
      PLS_VAULT_MASTER_KEY: randomBytes(32).toString('base64'),
      PLS_TOKEN_SECRET: randomBytes(32).toString('base64'),
      PLS_BOOTSTRAP_ADMIN: SPEC_ADMIN_ENV,
    }),
    { logger: false },
  );
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const res = await fastify.inject({ method: 'GET', url: '/health' });
  expect(res.statusCode).toBe(200);
  // @nestjs/config serves the configuration validated before start-up.
  expect(app.get(ConfigService).get('eventStoreKind')).toBe(kind);
  // Nothing but health answers without signing in; the bootstrap admin signs in.
  const refused = await fastify.inject({ method: 'POST', url: '/api/v1/org-units', payload: { name: '云川市', level: 'city', parentId: null } });
  expect(refused.statusCode).toBe(401);
  const authorization = await signInByInject(fastify);
  const org = await fastify.inject({ method: 'POST', url: '/api/v1/org-units', headers: { authorization }, payload: { name: '云川市', level: 'city', parentId: null } });
  expect(org.statusCode).toBe(201);
  await app.close();
});
