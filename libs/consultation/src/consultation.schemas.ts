/** JSON Schema pieces the consultation bodies share (validated by Ajv before `toCommand`). */
export { body, instant, oneOf, shortCode, uuid } from '@pls/reference/schema';
