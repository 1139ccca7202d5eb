import { Body, Controller, Get, Header, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MaskedPerson } from '../person/person.masking';
import { NAME_MAX_LENGTH, type RegisterPerson } from '../person/person.fields';
import { PersonVault } from '../vault/person-vault';

/** Whatever answers the request; only the Location header is set here. */
interface ReplyHeaders {
  header(name: string, value: string): unknown;
}

/**
 * `persons` (API.md): personal data goes into the vault and nowhere else; the
 * API hands back the id events will carry, and shows only masked values.
 * Refusals are DomainErrors with stable codes for the app's problem+json filter.
 */
@ApiTags('persons')
@Controller('api/v1/persons')
export class PersonsController {
  constructor(@Inject(PersonVault) private readonly vault: PersonVault) {}

  @Post()
  @ApiOperation({ summary: 'Register a person in the personal-data vault (idempotent on a client-supplied id)' })
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
  async register(@Body() body: unknown, @Res({ passthrough: true }) reply: ReplyHeaders): Promise<{ id: string }> {
    // Not checked here: the vault validates the body as a whole (unknown fields, types, formats) in one 422.
    const { id } = await this.vault.register(body as RegisterPerson);
    reply.header('Location', `/api/v1/persons/${id}`);
    return { id };
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A person, masked (张*, 138****1234, 1101**********1234)' })
  async masked(@Param('id') id: string): Promise<MaskedPerson> {
    return this.vault.masked(id);
  }
}
