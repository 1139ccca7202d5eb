import type { JsonSchema } from '@pls/event-sourcing';

/** JSON Schema pieces the org bodies share (validated by Ajv before `toCommand`). */
export const ORG_UNIT_NAME_MAX_LENGTH = 100;
/** A short unit code (`YC01-03`): letters, digits, dots, dashes, underscores. */
export const ORG_UNIT_CODE_PATTERN = '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$';

export const uuid = { type: 'string', format: 'uuid' } as const;
export const businessDate = { type: 'string', format: 'business-date' } as const;
/** A unit's name, not blank. */
export const unitName = { type: 'string', minLength: 1, maxLength: ORG_UNIT_NAME_MAX_LENGTH, pattern: '\\S' } as const;
export const unitCode = { type: 'string', pattern: ORG_UNIT_CODE_PATTERN } as const;

/** A closed body: every listed field is required unless named in `optional`. */
export function body(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}
