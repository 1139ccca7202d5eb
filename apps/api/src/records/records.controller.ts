import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUuid } from '@pls/event-sourcing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem';
import { CommandExecutor } from './command-executor';
import { IdempotentResponder } from './idempotent-responder';
import { RecordReader, foldRecord } from './record-reader';
import { RouteRegistry } from './route-registry';
import { Policy } from '@pls/identity';
import { principalOf } from '../auth/auth.guard';
import { AccessPolicies, RECORDS_POLICY } from '../auth/policy-access';

/**
 * The generic command and record endpoints of API.md: every collection's
 * create, transitions, state and history go through here, so every one of
 * them validates, deduplicates and answers the same way. Documented per
 * route in the OpenAPI document built from the registry.
 */
@ApiExcludeController()
@Policy(RECORDS_POLICY)
@Controller('api/v1')
export class RecordsController {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly responder: IdempotentResponder,
    private readonly records: RecordReader,
    private readonly registry: RouteRegistry,
    private readonly access: AccessPolicies,
  ) {}

  @Post(':collection')
  @HttpCode(201)
  create(@Param('collection') collection: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.command({ collection, action: null, body, req, reply });
  }

  @Post(':collection/:id/:action')
  @HttpCode(200)
  transition(
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.command({ collection, action, id, body, req, reply });
  }

  @Get(':collection/:id')
  async read(@Param('collection') collection: string, @Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const found = await this.find(collection, id, req);
    reply.header('ETag', `"${found.events.length}"`).send({ ...found.shown, id, version: found.events.length });
  }

  @Get(':collection/:id/history')
  async history(@Param('collection') collection: string, @Param('id') id: string, @Req() req: FastifyRequest) {
    const found = await this.find(collection, id, req);
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

  private async find(collection: string, id: string, req: FastifyRequest) {
    if (!this.registry.view(collection)) throw new ProblemError(404, 'ROUTE.NOT_FOUND', `No collection ${collection}`);
    const found = isUuid(id) ? await this.records.history(collection, id) : null;
    // Folded once: the view decides whether the stream holds a record, and is what a read answers.
    const state = found && found.events.length > 0 ? foldRecord(found.view, found.events) : null;
    const shown = found && state !== null ? found.view.view(state) : null;
    if (!found || shown === null) throw new ProblemError(404, 'RECORD.NOT_FOUND', `No ${collection} record ${id}`);
    // An unknown id is 404 for everyone; a record outside the caller's subtree is 403.
    await this.access.checkRead(principalOf(req), collection, state);
    return { ...found, shown };
  }

  private command(input: {
    collection: string;
    action: string | null;
    id?: string;
    body: unknown;
    req: FastifyRequest;
    reply: FastifyReply;
  }): Promise<void> {
    const access = this.access.forCommand(principalOf(input.req), input.collection, input.action);
    return this.responder.respond(input.req, input.reply, input.body, (context) =>
      this.executor
        .execute({ collection: input.collection, action: input.action, id: input.id, body: input.body, ...context, access })
        .finally(() => this.access.commandDone(input.collection)),
    );
  }
}
