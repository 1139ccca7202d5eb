import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@pls/config';
import { AppModule } from './app.module';
import { closeInfrastructure, openInfrastructure } from '@pls/runtime';

export interface StartOptions {
  /** Nest's logger levels; tests pass `false`. */
  readonly logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
}

/** Builds the API application (not yet listening). */
export async function createApi(config: AppConfig, options: StartOptions = {}): Promise<NestFastifyApplication> {
  const infra = await openInfrastructure(config);
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(infra),
      new FastifyAdapter({ bodyLimit: 1_048_576 }),
      { logger: options.logger ?? ['error', 'warn', 'log'], abortOnError: false },
    );
  } catch (error) {
    await closeInfrastructure(infra);
    throw error;
  }
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('pls-desk API')
      .setDescription('Event-sourced ticketing for public legal services. Contract: shared/API.md.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
