/* The baseline of `bench:api`: a bare Nest-Fastify app with one POST route
 * that parses the JSON body and answers 201 with a small JSON object — what
 * the framework costs before any of our work. */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';

@Controller('api/v1')
class BareController {
  @Post(':collection')
  @HttpCode(201)
  create(@Body() body: unknown) {
    return { id: randomUUID(), version: 1, position: typeof body === 'object' ? 1 : 0 };
  }

  @Post(':collection/:id/:action')
  @HttpCode(200)
  transition(@Body() body: unknown) {
    return { id: randomUUID(), version: 2, position: typeof body === 'object' ? 2 : 0 };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.stdout.write('listening\n');
}

void main();
