/*
 * The persons API on a real Fastify server, for persons.controller.int-spec.ts.
 * Nest 12 is ESM-only: Jest (CommonJS, Node < 24.9) cannot load it, Node 20's
 * require(esm) can — so the spec runs this file in a child process:
 *   SWC_NODE_PROJECT=libs/privacy/src/testing/swc-node.tsconfig.json \
 *   node -r tsconfig-paths/register -r @swc-node/register <this file>
 * Env: PRIVACY_TEST_DB (SQLite file), PLS_VAULT_MASTER_KEY. Prints
 * `listening <port>`; exits when its stdin closes.
 */
import 'reflect-metadata';
import { Catch, Global, Module, type ArgumentsHost, type DynamicModule, type ExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pls/config';
import { DomainError } from '@pls/event-sourcing';
import { openReadModel } from '@pls/read-model';
import type { DataSource } from 'typeorm';
import { PRIVACY_MIGRATIONS, PrivacyModule } from '../index';

/** Stand-in for the api's global InfrastructureModule, which provides the read model under its own token. */
const APP_READ_MODEL = Symbol('APP_READ_MODEL');

@Global()
@Module({})
class FakeInfrastructureModule {
  static with(dataSource: DataSource): DynamicModule {
    return { module: FakeInfrastructureModule, providers: [{ provide: APP_READ_MODEL, useValue: dataSource }], exports: [APP_READ_MODEL] };
  }
}

/** Stand-in for the api's problem+json filter (written elsewhere): DomainError kinds → statuses. */
@Catch(DomainError)
class ProblemFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const status = { conflict: 409, invalid: 422, 'not-found': 404, forbidden: 403 }[error.kind];
    const errors = (error as { errors?: unknown }).errors ?? (error.field ? [{ field: error.field, message: error.message }] : undefined);
    host
      .switchToHttp()
      .getResponse()
      .status(status)
      .header('content-type', 'application/problem+json')
      .send({ type: 'about:blank', title: error.message, status, code: error.code, errors });
  }
}

async function main(): Promise<void> {
  const dataSource = await openReadModel({ url: `sqlite:${process.env['PRIVACY_TEST_DB']}`, kind: 'sqlite', migrations: PRIVACY_MIGRATIONS });
  // Server mode: the keyring must come from PLS_VAULT_MASTER_KEY, through forRoot's config.
  const config = loadConfig({ EVENT_STORE_URL: 'postgres://unused/pls', PLS_VAULT_MASTER_KEY: process.env['PLS_VAULT_MASTER_KEY'] });
  const app = await NestFactory.create<NestFastifyApplication>(
    { module: class HttpTestModule {}, imports: [FakeInfrastructureModule.with(dataSource), PrivacyModule.forRoot({ dataSource: APP_READ_MODEL, config })] },
    new FastifyAdapter(),
    { logger: ['error'], abortOnError: false },
  );
  app.useGlobalFilters(new ProblemFilter());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
  const stop = () => void app.close().then(() => dataSource.destroy()).finally(() => process.exit(0));
  process.stdin.on('end', stop).on('close', stop).resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`persons-http.server: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
