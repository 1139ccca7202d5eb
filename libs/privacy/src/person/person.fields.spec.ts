import { randomUUID } from 'node:crypto';
import { PersonValidationError } from '../privacy.errors';
import { badChecksumId, residentId, ZHANG_SAN } from '../testing/fixtures';
import { validateRegisterPerson } from './person.fields';
import { maskIdNumber, maskName, maskPerson, maskPhone } from './person.masking';
import { residentIdCheckChar, residentIdProblem } from './resident-id';

function refusal(input: unknown): PersonValidationError {
  try {
    validateRegisterPerson(input);
  } catch (error) {
    if (error instanceof PersonValidationError) return error;
    throw error;
  }
  throw new Error('accepted');
}

const fieldsOf = (input: unknown) => refusal(input).errors.map((e) => e.field);

describe('registering a person: what is accepted', () => {
  it('accepts a name alone, and a full record, normalised', () => {
    expect(validateRegisterPerson({ name: '张三' })).toEqual({ id: null, data: { name: '张三', phone: null, idNumber: null } });
    const id = randomUUID();
    const x = residentId('11010519491231002');
    expect(validateRegisterPerson({ id: id.toUpperCase(), name: ' 张三 ', phone: ' 13812341234 ', idNumber: x.toLowerCase() })).toEqual({
      id,
      data: { name: '张三', phone: '13812341234', idNumber: x },
    });
    expect(x.endsWith('X')).toBe(true);
  });

  it('treats empty and null optional fields as absent', () => {
    expect(validateRegisterPerson({ name: 'A', phone: '', idNumber: null }).data).toEqual({ name: 'A', phone: null, idNumber: null });
  });

  it.each(['13812341234', '19912345678', '010-12345678', '01012345678', '0755-1234567', '0571-87654321'])('accepts phone %s', (phone) => {
    expect(validateRegisterPerson({ name: 'A', phone }).data.phone).toBe(phone);
  });

  it('accepts a name of 50 characters, counting characters not bytes', () => {
    expect(validateRegisterPerson({ name: '张'.repeat(50) }).data.name).toHaveLength(50);
    expect(validateRegisterPerson({ name: '𠮷'.repeat(50) }).data.name).toBe('𠮷'.repeat(50));
  });
});

describe('registering a person: what is refused (422, every field named)', () => {
  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: '张'.repeat(51) }, 'name'],
    [{ name: '张\n三' }, 'name'],
    [{ name: 'A', id: 'not-a-uuid' }, 'id'],
    [{ name: 'A', phone: 13812341234 }, 'phone'],
  ])('%j → %s', (input, field) => {
    expect(fieldsOf(input)).toEqual([field]);
  });

  it.each(['12812341234', '1381234123', '138123412345', '138-1234-1234', '10-12345678', '010-123456', '010-123456789', '+8613812341234'])(
    'refuses phone %s',
    (phone) => expect(fieldsOf({ name: 'A', phone })).toEqual(['phone']),
  );

  it('refuses an ID number with a wrong check character (GB 11643)', () => {
    const error = refusal({ name: 'A', idNumber: badChecksumId('11010519900307123') });
    expect(error.errors).toEqual([{ field: 'idNumber', message: expect.stringContaining('check character') }]);
    expect(error.code).toBe('VALIDATION.FAILED');
    expect(error.kind).toBe('invalid');
    expect(error.field).toBe('idNumber');
  });

  it.each([
    ['15 digits (old format)', '110105900307123'],
    ['letters', '11010519900307123A'],
    ['an impossible birth date', residentId('11010519900230123')],
    ['a birth year before 1800', residentId('11010517990307123')],
  ])('refuses an ID number with %s', (_what, idNumber) => {
    expect(fieldsOf({ name: 'A', idNumber })).toEqual(['idNumber']);
  });

  it('names a field a person does not have', () => {
    expect(refusal({ name: 'A', nickname: '小张', address: 'x' }).errors).toEqual([
      { field: 'nickname', message: 'is not a field of a person' },
      { field: 'address', message: 'is not a field of a person' },
    ]);
  });

  it('reports every problem at once and never repeats the value', () => {
    const input = { id: 'x', name: '', phone: '555', idNumber: badChecksumId('11010519900307123'), extra: 1 };
    const error = refusal(input);
    expect(error.errors.map((e) => e.field)).toEqual(['extra', 'id', 'name', 'phone', 'idNumber']);
    expect(error.message).not.toContain('555');
    expect(error.message).not.toContain(input.idNumber);
  });

  it.each([null, [], 'name', 3])('refuses a body that is not an object: %j', (body) => {
    expect(fieldsOf(body)).toEqual(['body']);
  });
});

describe('GB 11643 check character', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'], // GB 11643-1999's own example, born 1880,
    ['11010519900307123', '9'],
  ])('%s → %s', (body, check) => {
    expect(residentIdCheckChar(body)).toBe(check);
    expect(residentIdProblem(body + check)).toBeNull();
  });
});

describe('masking', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['王', '王*'],
    ['John', 'J***'],
    ['Li Si', 'L****'],
    ['𠮷野家', '𠮷**'],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['13812341234', '138****1234'],
    ['010-12345678', '010-****5678'],
    ['01012345678', '010****5678'],
    ['0755-1234567', '075*-***4567'],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('ID number keeps the first 4 and the last 4', () => {
    expect(maskIdNumber('110105199003071239')).toBe('1101**********1239');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks a whole person, absent fields stay null', () => {
    expect(maskPerson('p1', { name: ZHANG_SAN.name, phone: ZHANG_SAN.phone, idNumber: ZHANG_SAN.idNumber })).toEqual({
      id: 'p1',
      name: '张*',
      phone: '138****1234',
      idNumber: '1101**********1239',
    });
    expect(maskPerson('p2', { name: 'Li', phone: null, idNumber: null })).toEqual({ id: 'p2', name: 'L*', phone: null, idNumber: null });
  });
});
