export { body, businessDate, uuid } from '@pls/reference/schema';

/** JSON Schema pieces the org bodies share (validated by Ajv before `toCommand`). */
export const ORG_UNIT_NAME_MAX_LENGTH = 100;
/** A short unit code (`YC01-03`): letters, digits, dots, dashes, underscores. */
export const ORG_UNIT_CODE_PATTERN = '^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$';

/** A unit's name, not blank. */
export const unitName = { type: 'string', minLength: 1, maxLength: ORG_UNIT_NAME_MAX_LENGTH, pattern: '\\S' } as const;
export const unitCode = { type: 'string', pattern: ORG_UNIT_CODE_PATTERN } as const;

