import { isUuid } from '@pls/event-sourcing';
import { PersonValidationError, type FieldError } from '../privacy.errors';
import { residentIdProblem } from './resident-id';

/** What registers a person; only these fields exist. */
export interface RegisterPerson {
  /** Client-supplied UUID; the same id and data again answer the same. */
  readonly id?: string;
  readonly name: string;
  readonly phone?: string | null;
  readonly idNumber?: string | null;
}

/** A person's personal data in clear, normalised. Absent fields are `null`. */
export interface PersonData {
  readonly name: string;
  readonly phone: string | null;
  readonly idNumber: string | null;
}

export const PERSON_FIELDS = ['id', 'name', 'phone', 'idNumber'] as const;
export const NAME_MAX_LENGTH = 50;

const MOBILE_RE = /^1[3-9]\d{9}$/;
const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Checks a register body (parsed JSON or a typed call) and normalises it:
 * trimmed, ID check character upper-cased, empty optional fields `null`.
 * Every problem is reported at once ({@link PersonValidationError}, 422); a
 * field the body does not define is one of them. Messages never repeat the
 * value: it is personal data.
 */
export function validateRegisterPerson(input: unknown): { id: string | null; data: PersonData } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PersonValidationError([{ field: 'body', message: 'must be a JSON object' }]);
  }
  const body = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const field of Object.keys(body)) {
    if (!(PERSON_FIELDS as readonly string[]).includes(field)) errors.push({ field, message: 'is not a field of a person' });
  }

  let id: string | null = null;
  if (body['id'] !== undefined) {
    if (isUuid(body['id'])) id = body['id'].toLowerCase();
    else errors.push({ field: 'id', message: 'must be a UUID' });
  }

  let name = '';
  if (typeof body['name'] !== 'string') {
    errors.push({ field: 'name', message: body['name'] === undefined ? 'is required' : 'must be a string' });
  } else {
    name = body['name'].trim().normalize('NFC');
    const length = [...name].length;
    if (length === 0) errors.push({ field: 'name', message: 'must not be empty' });
    else if (length > NAME_MAX_LENGTH) errors.push({ field: 'name', message: `must be at most ${NAME_MAX_LENGTH} characters` });
    else if (CONTROL_RE.test(name)) errors.push({ field: 'name', message: 'must not contain control characters' });
  }

  const phone = optionalString(body, 'phone', errors);
  if (phone !== null && !MOBILE_RE.test(phone) && !LANDLINE_RE.test(phone)) {
    errors.push({ field: 'phone', message: 'must be a mobile number (1xxxxxxxxxx, 11 digits) or a landline with area code (0xx-xxxxxxxx)' });
  }

  const rawIdNumber = optionalString(body, 'idNumber', errors);
  const idNumber = rawIdNumber === null ? null : rawIdNumber.toUpperCase();
  if (idNumber !== null) {
    const problem = residentIdProblem(idNumber);
    if (problem !== null) errors.push({ field: 'idNumber', message: problem });
  }

  if (errors.length > 0) throw new PersonValidationError(errors);
  return { id, data: { name, phone, idNumber } };
}

function optionalString(body: Record<string, unknown>, field: string, errors: FieldError[]): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    errors.push({ field, message: 'must be a string' });
    return null;
  }
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Same person data, field by field (after normalisation). */
export function samePersonData(a: PersonData, b: PersonData): boolean {
  return a.name === b.name && a.phone === b.phone && a.idNumber === b.idNumber;
}
