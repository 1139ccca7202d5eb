import { Body, Controller, Get, Header, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { deterministicId, handleCommand, isUuid, streamName } from '@pls/event-sourcing';
import { EVENT_STORE, type EventStore } from '@pls/event-store';
import { NAME_MAX_LENGTH, PERSON_STREAM, PersonVault, personDecider, type RegisterPerson } from '@pls/privacy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem';
import { IdempotentResponder } from './idempotent-responder';
import { SignedIn } from '@pls/identity';

/**
 * `persons` (API.md): the personal data goes into the vault and nowhere else;
 * the person's stream holds only `PersonRegistered { personId }`, which gives
 * the record a version and a log position and answers like every collection
 * (Idempotency-Key, `{ id, version, position }`). Reads show masked values.
 */
@ApiTags('persons')
@SignedIn()
@Controller('api/v1/persons')
export class PersonsController {
  constructor(
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly responder: IdempotentResponder,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a person in the personal-data vault (idempotent on a client-supplied id or Idempotency-Key)' })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH },
        phone: { type: 'string', description: 'mobile 1[3-9]xxxxxxxxx or landline 0xx(x)-xxxxxxx(x)' },
        idNumber: { type: 'string', description: '18-character resident ID number (GB 11643)' },
      },
    },
  })
  register(@Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.responder.respond(req, reply, body, async (context) => {
      const input = (body && typeof body === 'object' ? body : {}) as RegisterPerson;
      // Without a client id the id derives from the command, so a re-sent request names the same person.
      const personId = typeof input.id === 'string' ? input.id : deterministicId('person', context.commandId);
      // The vault validates the whole body (unknown fields, formats) and refuses other data under a known id.
      const { id } = await this.vault.register({ ...input, id: personId });
      const result = await handleCommand(
        this.store,
        streamName(PERSON_STREAM, id),
        personDecider,
        {
          type: 'RegisterPerson',
          data: { personId: id },
          metadata: { commandId: context.commandId, actorId: context.actorId, now: context.now },
        },
        { expectedVersion: context.expectedVersion },
      );
      return { status: 201, id, version: result.version, position: result.position, collection: 'persons', extra: {} };
    });
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A person, masked (张*, 138****1234, 1101**********1234)' })
  async masked(@Param('id') id: string) {
    if (!isUuid(id)) throw new ProblemError(404, 'PERSON.NOT_FOUND', 'There is no person with this id');
    const masked = await this.vault.masked(id);
    const events = await this.store.readStream(streamName(PERSON_STREAM, id));
    return { ...masked, version: events.length };
  }
}
