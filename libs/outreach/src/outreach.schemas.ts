/** JSON Schema pieces the lecture bodies share (validated by Ajv before `toCommand`). */
export { body, businessDate, oneOf, uuid } from '@pls/reference/schema';
