import type { JsonSchema } from '@pls/event-sourcing';
import { instant } from '@pls/reference/schema';

/** JSON Schema fragments shared by the hotline bodies (validated by Ajv before `toCommand`). */
export { category, instant, oneOf, uuid } from '@pls/reference/schema';

export function objectBody(properties: Record<string, JsonSchema>, required: readonly string[] = []): JsonSchema {
  return { type: 'object', additionalProperties: false, required: [...required], properties };
}

/** When a work-order step happened; absent means "now" (the command's issue time). */
export const optionalAt = { at: instant } as const;
