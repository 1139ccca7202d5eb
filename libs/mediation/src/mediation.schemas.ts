import { uuid } from '@pls/reference/schema';

/** JSON Schema pieces the mediation bodies share (validated by Ajv before `toCommand`). */
export { body, businessDate, fen, oneOf, uuid } from '@pls/reference/schema';

/** Mediators are user ids; a case rarely has more than a handful. */
export const mediatorIds = { type: 'array', items: uuid, minItems: 1, maxItems: 20, uniqueItems: true } as const;

