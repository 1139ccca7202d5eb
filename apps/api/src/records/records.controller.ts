import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUuid, newId } from '@pls/event-sourcing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, problemBody } from '../http/problem';
import { toProblem } from '../http/problem.filter';
import { CommandExecutor, type CommandAnswer } from './command-executor';
import { IdempotencyStore, PENDING, requestHash, type StoredResponse } from './idempotency';
import { RecordReader, foldRecord } from './record-reader';
import { RouteRegistry } from './route-registry';

export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;

/**
 * The generic command and record endpoints of API.md: every collection's
 * create, transitions, state and history go through here, so every one of
 * them validates, deduplicates and answers the same way. Documented per
 * route in the OpenAPI document built from the registry.
 */
@ApiExcludeController()
@Controller('api/v1')
export class RecordsController {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly idempotency: IdempotencyStore,
    private readonly records: RecordReader,
    private readonly registry: RouteRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':collection')
  @HttpCode(201)
  create(
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Headers() headers: Record<string, string | undefined>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.command({ collection, action: null, body, headers, req, reply });
  }

  @Post(':collection/:id/:action')
  @HttpCode(200)
  transition(
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers() headers: Record<string, string | undefined>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.command({ collection, action, id, body, headers, req, reply });
  }

  @Get(':collection/:id')
  async read(@Param('collection') collection: string, @Param('id') id: string, @Res() reply: FastifyReply) {
    const found = await this.find(collection, id);
    const state = foldRecord(found.view, found.events);
    const view = found.view.view(state)!;
    reply.header('ETag', `"${found.events.length}"`).send({ ...view, id, version: found.events.length });
  }

  @Get(':collection/:id/history')
  async history(@Param('collection') collection: string, @Param('id') id: string) {
    const found = await this.find(collection, id);
    return {
      id,
      events: found.events.map((e) => ({
        type: e.type,
        version: e.version,
        position: e.position,
        recordedAt: e.recordedAt,
        data: e.data,
        metadata: e.metadata,
      })),
    };
  }

  private async find(collection: string, id: string) {
    if (!this.registry.view(collection)) throw new ProblemError(404, 'ROUTE.NOT_FOUND', `No collection ${collection}`);
    const found = isUuid(id) ? await this.records.history(collection, id) : null;
    if (!found || found.events.length === 0 || found.view.view(foldRecord(found.view, found.events)) === null) {
      throw new ProblemError(404, 'RECORD.NOT_FOUND', `No ${collection} record ${id}`);
    }
    return found;
  }

  private async command(input: {
    collection: string;
    action: string | null;
    id?: string;
    body: unknown;
    headers: Record<string, string | undefined>;
    req: FastifyRequest;
    reply: FastifyReply;
  }): Promise<void> {
    const { headers, req, reply } = input;
    const key = headers['idempotency-key'];
    if (key !== undefined && !isUuid(key)) {
      throw new ProblemError(400, 'IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key must be a UUID');
    }
    const expectedVersion = parseIfMatch(headers['if-match']);
    const actorId: string | null = (req as FastifyRequest & { user?: { id: string } }).user?.id ?? null;
    const scope = actorId ?? 'anonymous';
    const hash = requestHash(req.method, req.url.split('?')[0]!, input.body ?? null);

    if (key !== undefined) {
      const stored = await this.idempotency.claim(scope, key, hash, this.clock());
      if (stored.requestHash !== hash) {
        throw new ProblemError(422, 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used for a different request');
      }
      if (stored.status !== PENDING) return send(reply, stored);
    }

    let response: StoredResponse;
    try {
      const answer = await this.executor.execute({
        collection: input.collection,
        action: input.action,
        id: input.id,
        body: input.body,
        commandId: key ?? newId(),
        actorId,
        now: this.clock().toISOString(),
        expectedVersion,
      });
      response = answerResponse(answer, hash);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500 || key === undefined) throw error;
      response = {
        requestHash: hash,
        status: problem.status,
        body: problemBody(problem),
        headers: { ...problem.headers, 'content-type': 'application/problem+json' },
      };
    }
    if (key !== undefined) await this.idempotency.complete(scope, key, response);
    send(reply, response);
  }
}

function answerResponse(answer: CommandAnswer, requestHash: string): StoredResponse {
  const headers: Record<string, string> = { ETag: `"${answer.version}"` };
  if (answer.status === 201) headers['Location'] = `/api/v1/${answer.collection}/${answer.id}`;
  return {
    requestHash,
    status: answer.status,
    body: { id: answer.id, version: answer.version, position: answer.position, ...answer.extra },
    headers,
  };
}

function send(reply: FastifyReply, response: StoredResponse): void {
  reply.status(response.status).headers(response.headers).send(response.body);
}

/** `If-Match: "3"` (also `W/"3"` or `3`) → 3. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!m) throw new ProblemError(400, 'REQUEST.INVALID_IF_MATCH', 'If-Match must be a record version, e.g. "3"');
  return Number(m[1]);
}
