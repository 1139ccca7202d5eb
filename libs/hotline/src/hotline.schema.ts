import type { JsonSchema } from '@pls/event-sourcing';
import { CATEGORY_CODES } from '@pls/reference';

/** JSON Schema fragments shared by the hotline bodies (validated by Ajv before `toCommand`). */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const instant = { type: 'string', format: 'instant' } as const;
export const category = { type: 'string', enum: CATEGORY_CODES } as const;

export function oneOf(values: readonly string[]): JsonSchema {
  return { type: 'string', enum: [...values] };
}

export function objectBody(properties: Record<string, JsonSchema>, required: readonly string[] = []): JsonSchema {
  return { type: 'object', additionalProperties: false, required: [...required], properties };
}

/** When a work-order step happened; absent means "now" (the command's issue time). */
export const optionalAt = { at: instant } as const;
