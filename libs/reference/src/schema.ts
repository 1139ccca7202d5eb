import { CATEGORY_CODES } from './categories';
import { MAX_FEN } from './dates';

/**
 * JSON Schema pieces every context's request bodies are built from. The API
 * validates them with Ajv (formats `uuid`, `business-date`, `instant` are
 * registered there) before a body becomes a command.
 */
export type SchemaObject = Record<string, unknown>;

export const uuid = { type: 'string', format: 'uuid' } as const;
export const businessDate = { type: 'string', format: 'business-date' } as const;
export const instant = { type: 'string', format: 'instant' } as const;
/** Money: integer fen, 0 … 10^15 (API.md). */
export const fen = { type: 'integer', minimum: 0, maximum: MAX_FEN } as const;
export const category = { type: 'string', enum: CATEGORY_CODES } as const;
/** A short code from a list kept outside the event (`topicCode`, unit codes). */
export const shortCode = { type: 'string', pattern: '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$' } as const;

export function oneOf(values: readonly string[]): SchemaObject {
  return { type: 'string', enum: [...values] };
}

/** A closed body: every listed field is required unless named in `optional`. */
export function body(properties: Record<string, SchemaObject>, optional: readonly string[] = []): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}
