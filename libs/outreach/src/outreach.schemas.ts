import type { JsonSchema } from '@pls/event-sourcing';

/** JSON Schema pieces the lecture bodies share (validated by Ajv before `toCommand`). */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const businessDate = { type: 'string', format: 'business-date' } as const;
export const oneOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] }) as const;

/** A closed body: every listed field is required unless named in `optional`. */
export function body(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}
