import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { deterministicId, fold, handleCommand, isUuid, streamName } from '@pls/event-sourcing';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pls/event-store';
import { Roles, SignedIn, type Principal } from '@pls/identity';
import {
  ACCESS_REASONS,
  isAccessReason,
  linksOfPerson,
  maskPerson,
  NAME_MAX_LENGTH,
  normalisePhone,
  PERSON_DATA_FIELDS,
  PERSON_LINKS_PROJECTION,
  PERSON_STREAM,
  PersonalDataAccessLog,
  personAccess,
  personDecider,
  PersonVault,
  retentionOf,
  RETENTION_YEARS,
  type AccessAction,
  type AccessReason,
  type PersonAccess,
  type PersonDataField,
  type PersonEvent,
  type PersonLink,
  type PersonRecordState,
  type RegisterPerson,
} from '@pls/privacy';
import { PROJECTION_POSITIONS, READ_MODEL, type ProjectionPositions } from '@pls/read-model';
import { shanghaiDate } from '@pls/reference';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { principalOf } from '../auth/auth.guard';
import { ProblemError } from '../http/problem';
import { IdempotentResponder } from './idempotent-responder';
import { PersonScope } from './person-scope';

/** What `GET /persons/{id}` shows in place of an erased person's name. */
export const ERASED_NAME = '已删除';

interface LoadedPerson {
  readonly id: string;
  readonly state: Exclude<PersonRecordState, { status: 'none' }>;
  readonly version: number;
  readonly links: readonly PersonLink[];
  readonly access: PersonAccess;
}

/** Matches a phone lookup answers at most (a number shared by a family, a shop's landline). */
const LOOKUP_LIMIT = 20;

const notFound = () => new ProblemError(404, 'PERSON.NOT_FOUND', 'There is no person with this id');
const outOfScope = () => new ProblemError(403, 'AUTH.OUT_OF_SCOPE', 'No record naming this person is in your scope');
const erased = () => new ProblemError(410, 'PERSON.ERASED', 'This person was erased; no personal data is left');

/**
 * `persons` (API.md): the personal data goes into the vault and nowhere else;
 * the person's stream holds only ids (`PersonRegistered`, `PersonRestricted`,
 * `PersonErased`). Reads show masked values to whoever has a record naming the
 * person in scope (or registered them); clear values need a stated reason and
 * are written to the personal-data access log before they are answered.
 * Who sees what: `personAccess` in @pls/privacy.
 */
@ApiTags('persons')
@SignedIn()
@Controller('api/v1/persons')
export class PersonsController {
  constructor(
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(PersonalDataAccessLog) private readonly accessLog: PersonalDataAccessLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly db: DataSource,
    @Inject(PROJECTION_POSITIONS) private readonly positions: ProjectionPositions,
    @Inject(RETENTION_YEARS) private readonly retentionYears: number,
    private readonly scope: PersonScope,
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

  @Get()
  @Roles('operator', 'worker')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Callers by phone number (the operator console): masked matches, found by a blind index (HMAC of the normalised number under a key derived from the master key); every match logged. POST /persons/lookup takes the number in the body instead, out of URLs and proxy logs.',
  })
  @ApiQuery({ name: 'phone', required: true })
  @ApiQuery({ name: 'reason', required: false, enum: [...ACCESS_REASONS], description: 'default case-handling' })
  lookupByQuery(@Req() req: FastifyRequest, @Query('phone') phone?: unknown, @Query('reason') reason?: unknown) {
    return this.lookup(req, phone, reason);
  }

  @Post('lookup')
  @HttpCode(200)
  @Roles('operator', 'worker')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Callers by phone number, the number in the body: as GET /persons?phone=' })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['phone'],
      properties: { phone: { type: 'string' }, reason: { type: 'string', enum: [...ACCESS_REASONS] } },
    },
  })
  lookupByBody(@Req() req: FastifyRequest, @Body() body: unknown) {
    const b = objectBody(body, ['phone', 'reason']);
    return this.lookup(req, b['phone'], b['reason']);
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'A person, masked (张*, 138****1234, 1101**********1234), to a caller with a record naming them in scope, their records’ own workers, or who registered them; `restricted: true` (values hidden) while restricted, `erased: true` (已删除) once erased',
  })
  @ApiQuery({ name: 'minPosition', required: false, description: 'wait until the person-links read model has applied this log position' })
  async masked(@Param('id') id: string, @Req() req: FastifyRequest, @Query('minPosition') minPosition?: string) {
    const person = await this.load(id, principalOf(req), minPosition, (a) => a.masked);
    if (!person.access.masked) throw outOfScope();
    const base = { id: person.id };
    switch (person.state.status) {
      case 'erased':
        return { ...base, name: ERASED_NAME, phone: null, idNumber: null, erased: true, version: person.version };
      case 'restricted':
        return { ...base, name: null, phone: null, idNumber: null, restricted: true, until: person.state.until, version: person.version };
      case 'registered':
        return { ...(await this.vault.masked(person.id)), version: person.version };
    }
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Clear values with a stated reason, logged: name and phone for operators and workers with a record naming the person in their subtree, the ID number only for the records’ own workers (mediators, the work order’s handler); other fields stay masked, `revealed` lists the clear ones. A restricted person: supervisors in scope only.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['reason'],
      properties: {
        reason: { type: 'string', enum: [...ACCESS_REASONS] },
        fields: { type: 'array', items: { type: 'string', enum: [...PERSON_DATA_FIELDS] }, minItems: 1, uniqueItems: true },
      },
    },
  })
  async reveal(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Query('minPosition') minPosition?: string) {
    const { reason, fields } = revealBody(body);
    const principal = principalOf(req);
    const person = await this.load(
      id,
      principal,
      minPosition,
      (a) => a.masked && fields.every((f) => a.clear.has(f) || a.clearWhileRestricted.has(f)),
    );
    if (!person.access.masked) throw outOfScope();
    if (person.state.status === 'erased') throw erased();
    const restricted = person.state.status === 'restricted';
    if (restricted && principal.role !== 'supervisor') {
      // PIPL Art 47: stored, not used — a supervisor may still read it, for a reason, logged.
      throw new ProblemError(403, 'PERSON.RESTRICTED', 'This person’s data is restricted: only a supervisor in scope may read it');
    }
    const allowed = restricted ? person.access.clearWhileRestricted : person.access.clear;
    const granted = fields.filter((f) => allowed.has(f));
    const clear = await this.vault.reveal(person.id);
    const masked = maskPerson(person.id, clear);
    if (granted.length > 0) await this.log(req, principal, person.id, 'reveal', granted, reason);
    const pick = (f: PersonDataField) => (granted.includes(f) ? clear[f] : masked[f]);
    return {
      id: person.id,
      name: pick('name'),
      phone: pick('phone'),
      idNumber: pick('idNumber'),
      revealed: granted,
      ...(restricted ? { restricted: true } : {}),
      version: person.version,
    };
  }

  @Get(':id/export')
  @Header('Cache-Control', 'no-store')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      'PIPL Art 45: the person’s data in clear and the records that name them, for the person who asked; supervisors and admins in scope, logged',
  })
  @ApiQuery({ name: 'reason', required: false, enum: [...ACCESS_REASONS], description: 'default data-subject-request' })
  async export(
    @Param('id') id: string,
    @Req() req: FastifyRequest,
    @Query('reason') reasonText?: string,
    @Query('minPosition') minPosition?: string,
  ) {
    const reason = reasonText === undefined ? 'data-subject-request' : reasonOf(reasonText);
    const principal = principalOf(req);
    const person = await this.load(id, principal, minPosition, (a) => a.manage);
    if (!person.access.manage) throw outOfScope();
    if (person.state.status === 'erased') throw erased();
    const clear = await this.vault.reveal(person.id);
    await this.log(req, principal, person.id, 'export', [...PERSON_DATA_FIELDS], reason);
    return {
      id: person.id,
      exportedAt: new Date().toISOString(),
      person: { name: clear.name, phone: clear.phone, idNumber: clear.idNumber },
      status: person.state.status,
      ...(person.state.status === 'restricted' ? { restrictedUntil: person.state.until } : {}),
      records: person.links.map((l) => ({
        collection: l.collection,
        id: l.recordId,
        orgUnitId: l.orgUnitId,
        open: l.open,
        closedOn: l.closedOn,
      })),
    };
  }

  @Post(':id/erase')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      'Erase by crypto-shredding (the data key is deleted; records keep the id and show 已删除; statistics unchanged) — or, while the retention period of the records naming the person runs (PLS_RETENTION_YEARS after the last closes; open records always), restrict instead (PIPL Art 47)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['reason'],
      properties: { reason: { type: 'string', enum: [...ACCESS_REASONS] } },
    },
  })
  erase(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const reason = eraseBody(body);
    const principal = principalOf(req);
    return this.responder.respond(req, reply, body, async (context) => {
      // Every record appended so far must be in the links: an erasure must not miss an open record.
      const head = await this.store.headPosition();
      const person = await this.load(id, principal, String(head));
      if (!person.access.manage) throw outOfScope();
      const { openRecords, retainUntil } = retentionOf(person.links, this.retentionYears);
      if (person.version === 0) {
        // Held by the vault without its stream (the demo loader registers straight into the vault; a crash between the
        // vault write and the append of POST /persons): the registration is appended first, so the stream tells the story.
        await handleCommand(this.store, streamName(PERSON_STREAM, person.id), personDecider, {
          type: 'RegisterPerson',
          data: { personId: person.id },
          metadata: { commandId: deterministicId('person-registration', context.commandId), actorId: context.actorId, now: context.now },
        });
      }
      const result = await handleCommand(
        this.store,
        streamName(PERSON_STREAM, person.id),
        personDecider,
        {
          type: 'ErasePerson',
          data: { personId: person.id, openRecords, retainUntil, today: shanghaiDate(context.now) },
          metadata: { commandId: context.commandId, actorId: context.actorId, now: context.now },
        },
        { expectedVersion: context.expectedVersion },
      );
      const state = result.state;
      // The event first, then the shred: a crash between leaves an erased stream whose next request shreds again.
      if (state.status === 'erased') await this.vault.erase(person.id);
      if (!result.repeated && result.events.length > 0) {
        await this.log(req, principal, person.id, state.status === 'erased' ? 'erase' : 'restrict', [], reason);
      }
      const extra =
        state.status === 'erased' ? { erased: true } : state.status === 'restricted' ? { restricted: true, until: state.until } : {};
      return { status: 200, id: person.id, version: result.version, position: result.position, collection: 'persons', extra };
    });
  }

  private async lookup(req: FastifyRequest, phone: unknown, reasonValue: unknown) {
    const principal = principalOf(req);
    const reason = reasonValue === undefined ? 'case-handling' : reasonOf(reasonValue);
    if (typeof phone !== 'string' || normalisePhone(phone) === null) {
      throw ProblemError.validation([{ field: 'phone', message: 'must be a phone number (7-12 digits; separators and +86 allowed)' }]);
    }
    const ids = (await this.vault.findByPhone(phone)).slice(0, LOOKUP_LIMIT);
    const items = [];
    for (const id of ids) {
      const events = await this.store.readStream(streamName(PERSON_STREAM, id));
      const state = await this.stateOf(id, events);
      if (state.status === 'none' || state.status === 'erased') continue;
      // A match tells the caller that this number is this person's: logged like a clear read of the phone.
      await this.log(req, principal, id, 'lookup', ['phone'], reason);
      items.push(
        state.status === 'restricted'
          ? { id, name: null, phone: null, idNumber: null, restricted: true, version: events.length }
          : { ...(await this.vault.masked(id)), version: events.length },
      );
    }
    return { items };
  }

  /**
   * The person, the records naming them and what the caller may do. When the
   * caller lacks what `wants` asks for and gave no `minPosition`, the links are
   * read again once the projection has caught up with the log's head: a
   * record created a moment ago (by this caller, say) may not be in them yet.
   */
  private async load(
    id: string,
    principal: Principal,
    minPosition: string | undefined,
    wants: (access: PersonAccess) => boolean = () => true,
  ): Promise<LoadedPerson> {
    if (!isUuid(id)) throw notFound();
    const personId = id.toLowerCase();
    const events = await this.store.readStream(streamName(PERSON_STREAM, personId));
    const state = await this.stateOf(personId, events);
    if (state.status === 'none') throw notFound();
    await this.positions.ensure(PERSON_LINKS_PROJECTION, minPosition);
    const inScope = await this.scope.unitTest(principal);
    const accessFor = (links: readonly PersonLink[]) =>
      personAccess({ caller: principal, links, inScope, networkWide: principal.orgUnitId === null, registeredBy: registrantOf(events) });
    let links = await linksOfPerson(this.db, personId);
    let access = accessFor(links);
    if (!wants(access) && minPosition === undefined) {
      const caughtUp = await this.positions.ensure(PERSON_LINKS_PROJECTION, String(await this.store.headPosition())).then(
        () => true,
        // Still behind after the wait: answer from what the links hold (a refusal, not a 503).
        (error: unknown) => (error instanceof ProblemError && error.status === 503 ? false : Promise.reject(error)),
      );
      if (caughtUp) {
        links = await linksOfPerson(this.db, personId);
        access = accessFor(links);
      }
    }
    return { id: personId, state, version: events.length, links, access };
  }

  /** The person's stream folded; a person the vault holds without a stream counts as registered (or erased). */
  private async stateOf(personId: string, events: readonly RecordedEvent[]): Promise<PersonRecordState> {
    const state = fold(personDecider, events as unknown as PersonEvent[]);
    if (state.status !== 'none') return state;
    const held = await this.vault.status(personId);
    if (held === 'live') return { status: 'registered', personId };
    if (held === 'erased') return { status: 'erased', personId };
    return state;
  }

  private async log(
    req: FastifyRequest,
    principal: Principal,
    personId: string,
    action: AccessAction,
    fields: PersonDataField[],
    reason: AccessReason,
  ) {
    await this.accessLog.record({
      actorId: principal.id,
      actorRole: principal.role,
      actorOrgUnitId: principal.orgUnitId,
      personId,
      action,
      fields,
      reason,
      requestId: requestIdOf(req),
    });
  }
}

function registrantOf(events: readonly RecordedEvent[]): string | null {
  const first = events.find((e) => e.type === 'PersonRegistered');
  const actor = first?.metadata['actorId'];
  return typeof actor === 'string' ? actor : null;
}

/** The caller's `X-Request-Id` when it is a plain token, else Fastify's own request id. */
function requestIdOf(req: FastifyRequest): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : String(req.id);
}

function reasonOf(value: unknown, field = 'reason'): AccessReason {
  if (isAccessReason(value)) return value;
  throw ProblemError.validation([{ field, message: `must be one of ${ACCESS_REASONS.join(', ')}` }]);
}

function objectBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ProblemError.validation([{ field: 'body', message: 'must be a JSON object' }]);
  }
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw ProblemError.validation(unknown.map((field) => ({ field, message: 'is not a field of this request' })));
  return body as Record<string, unknown>;
}

function revealBody(body: unknown): { reason: AccessReason; fields: PersonDataField[] } {
  const b = objectBody(body, ['reason', 'fields']);
  const reason = reasonOf(b['reason']);
  if (b['fields'] === undefined) return { reason, fields: [...PERSON_DATA_FIELDS] };
  const fields = b['fields'];
  if (
    !Array.isArray(fields) ||
    fields.length === 0 ||
    !fields.every((f) => (PERSON_DATA_FIELDS as readonly unknown[]).includes(f)) ||
    new Set(fields).size !== fields.length
  ) {
    throw ProblemError.validation([{ field: 'fields', message: `must be a non-empty list of distinct ${PERSON_DATA_FIELDS.join(', ')}` }]);
  }
  return { reason, fields: fields as PersonDataField[] };
}

function eraseBody(body: unknown): AccessReason {
  return reasonOf(objectBody(body, ['reason'])['reason']);
}
