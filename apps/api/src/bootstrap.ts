import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@pls/config';
import { closeInfrastructure, openInfrastructure, type Infrastructure } from '@pls/runtime';
import { AppModule } from './app.module';
import { frameworkErrors, harden } from './http/hardening';
import { addRecordPaths } from './records/openapi';
import { RouteRegistry } from './records/route-registry';

export interface StartOptions {
  /** Nest's logger levels; tests pass `false`. */
  readonly logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
}

/** Largest request body the API reads (API.md: 413 beyond). */
export const BODY_LIMIT_BYTES = 1_048_576;

/** Opens the infrastructure the configuration names, then builds the API on it (not yet listening). */
export async function createApi(config: AppConfig, options: StartOptions = {}): Promise<NestFastifyApplication> {
  const infra = await openInfrastructure(config);
  try {
    return await createApiWith(infra, options);
  } catch (error) {
    await closeInfrastructure(infra);
    throw error;
  }
}

/** Builds the API on infrastructure opened by the caller (tests open it on their own schema). */
export async function createApiWith(infra: Infrastructure, options: StartOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(infra),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, frameworkErrors }),
    // bodyParser off: Fastify's own JSON parser is the only one (hardening removes text/plain; Nest would add form bodies).
    { logger: options.logger ?? ['error', 'warn', 'log'], abortOnError: false, bodyParser: false },
  );
  app.enableShutdownHooks();
  harden(app, infra.config);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('pls-desk API')
      .setDescription('Event-sourced ticketing for public legal services. The fixed contract is shared/API.md.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, addRecordPaths(document, app.get(RouteRegistry)));
  return app;
}
