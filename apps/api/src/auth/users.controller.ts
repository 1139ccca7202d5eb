import { Body, Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUuid } from '@pls/event-sourcing';
import { ROLES, Roles, UserDirectory, type ActorScope, type Role, type UserView, type UserWriteMeta } from '@pls/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem';
import { IdempotentResponder, type WriteContext } from '../records/idempotent-responder';
import { ANY_PASSWORD_RULE, USERNAME_RULE, readBody } from './auth-body';
import { principalOf } from './auth.guard';

const ROLE_RULE = { kind: 'string', min: 1, max: 20, oneOf: ROLES } as const;

/**
 * Users, managed by admins (API.md: `POST /api/v1/users`). A scoped admin
 * manages the users of his org subtree only; every change is an event on the
 * user's stream (ids, role and scope — never the username or password).
 * Writes answer like every collection: `{ id, version, position }`,
 * Idempotency-Key honoured (the password is left out of the request hash).
 */
@ApiTags('users')
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UserDirectory,
    private readonly responder: IdempotentResponder,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a user with one role, scoped to one org unit (null: a network-wide admin)' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['username', 'password', 'role', 'orgUnitId'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        username: { type: 'string' },
        password: { type: 'string', minLength: 8 },
        role: { type: 'string', enum: [...ROLES] },
        orgUnitId: { type: ['string', 'null'], format: 'uuid' },
      },
    },
  })
  create(@Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.respond(req, reply, body, ['password'], async (meta, actor) => {
      const input = readBody(
        body,
        { id: { kind: 'uuid' }, username: USERNAME_RULE, password: ANY_PASSWORD_RULE, role: ROLE_RULE, orgUnitId: { kind: 'uuid-or-null' } },
        ['id'],
      );
      const result = await this.users.register(
        { userId: input.id, username: input.username, password: input.password, role: input.role as Role, orgUnitId: input.orgUnitId },
        meta,
        actor,
      );
      const id = result.state.status === 'none' ? '' : result.state.id;
      return { status: 201, id, version: result.version, position: result.position, collection: 'users', extra: {} };
    });
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The users you manage: { items: [{ id, username, role, orgUnitId, status }] }' })
  async list(@Req() req: FastifyRequest): Promise<{ items: UserView[] }> {
    return { items: await this.users.list(actorOf(req)) };
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A user: { id, username, role, orgUnitId, status }' })
  async get(@Param('id') id: string, @Req() req: FastifyRequest): Promise<UserView> {
    if (!isUuid(id)) throw new ProblemError(404, 'USER.NOT_FOUND', 'There is no user with this id');
    return this.users.get(id, actorOf(req));
  }

  @Post(':id/role')
  @ApiOperation({ summary: 'Give the user another role; her sessions end' })
  @ApiBody({ schema: { type: 'object', required: ['role'], properties: { role: { type: 'string', enum: [...ROLES] } } } })
  role(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.action(id, req, reply, body, [], async (meta, actor) => {
      const { role } = readBody(body, { role: ROLE_RULE });
      return this.users.changeRole(id, role as Role, meta, actor);
    });
  }

  @Post(':id/scope')
  @ApiOperation({ summary: 'Move the user to another org unit; her sessions end' })
  @ApiBody({ schema: { type: 'object', required: ['orgUnitId'], properties: { orgUnitId: { type: ['string', 'null'], format: 'uuid' } } } })
  scope(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.action(id, req, reply, body, [], async (meta, actor) => {
      const { orgUnitId } = readBody(body, { orgUnitId: { kind: 'uuid-or-null' } });
      return this.users.changeScope(id, orgUnitId, meta, actor);
    });
  }

  @Post(':id/deactivate')
  @ApiOperation({ summary: 'Deactivate the user: she cannot sign in and her sessions end' })
  deactivate(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.action(id, req, reply, body, [], async (meta, actor) => {
      readBody(body ?? {}, {});
      return this.users.deactivate(id, meta, actor);
    });
  }

  @Post(':id/reactivate')
  @ApiOperation({ summary: 'Let a deactivated user sign in again' })
  reactivate(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.action(id, req, reply, body, [], async (meta, actor) => {
      readBody(body ?? {}, {});
      return this.users.reactivate(id, meta, actor);
    });
  }

  @Post(':id/password')
  @ApiOperation({ summary: "Reset the user's password; her sessions end" })
  @ApiBody({ schema: { type: 'object', required: ['password'], properties: { password: { type: 'string', minLength: 8 } } } })
  password(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.action(id, req, reply, body, ['password'], async (meta, actor) => {
      const { password } = readBody(body, { password: ANY_PASSWORD_RULE });
      return this.users.resetPassword(id, password, meta, actor);
    });
  }

  private action(
    id: string,
    req: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    secret: readonly string[],
    write: (meta: UserWriteMeta, actor: ActorScope) => Promise<{ version: number; position: number }>,
  ): Promise<void> {
    if (!isUuid(id)) throw new ProblemError(404, 'USER.NOT_FOUND', 'There is no user with this id');
    return this.respond(req, reply, body, secret, async (meta, actor) => {
      const result = await write(meta, actor);
      return { status: 200, id, version: result.version, position: result.position, collection: 'users', extra: {} };
    });
  }

  private respond(
    req: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    secret: readonly string[],
    write: (meta: UserWriteMeta, actor: ActorScope) => Promise<{ status: 200 | 201; id: string; version: number; position: number; collection: string; extra: Record<string, unknown> }>,
  ): Promise<void> {
    const principal = principalOf(req);
    // Idempotency keeps a digest of the request: passwords stay out of it.
    const hashed = body && typeof body === 'object' && !Array.isArray(body) ? Object.fromEntries(Object.entries(body).filter(([k]) => !secret.includes(k))) : body;
    return this.responder.respond(req, reply, hashed, (context: WriteContext) =>
      write({ commandId: context.commandId, actorId: principal.id, now: context.now }, { orgUnitId: principal.orgUnitId }),
    );
  }
}

function actorOf(req: FastifyRequest): ActorScope {
  return { orgUnitId: principalOf(req).orgUnitId };
}
