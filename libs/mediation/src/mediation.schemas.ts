import type { JsonSchema } from '@pls/event-sourcing';
import { MAX_FEN } from '@pls/reference';

/** JSON Schema pieces the mediation bodies share (validated by Ajv before `toCommand`). */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const businessDate = { type: 'string', format: 'business-date' } as const;
export const fen = { type: 'integer', minimum: 0, maximum: MAX_FEN } as const;
export const oneOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] }) as const;

/** Mediators are user ids; a case rarely has more than a handful. */
export const mediatorIds = { type: 'array', items: uuid, minItems: 1, maxItems: 20, uniqueItems: true } as const;

/** A closed body: every listed field is required unless named in `optional`. */
export function body(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}
