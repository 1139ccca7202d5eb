import type { PersonData } from './person.fields';

/** What lists and views show of a person (DOMAIN.md: lists show masked values). */
export interface MaskedPerson {
  readonly id: string;
  readonly name: string;
  readonly phone: string | null;
  readonly idNumber: string | null;
}

/**
 * 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*********: the first character
 * (a Chinese surname's first character, a Latin name's first letter) and one
 * star for every other character.
 */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0]! + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * 13812341234 → 138****1234, 010-12345678 → 010-****5678: the first 3 and the
 * last 4 digits; separators stay where they are.
 */
export function maskPhone(phone: string): string {
  return maskDigits(phone, 3, 4);
}

/** 110101199003071234 → 1101**********1234: the first 4 and the last 4 characters. */
export function maskIdNumber(idNumber: string): string {
  return maskDigits(idNumber, 4, 4);
}

export function maskPerson(id: string, data: PersonData): MaskedPerson {
  return {
    id,
    name: maskName(data.name),
    phone: data.phone === null ? null : maskPhone(data.phone),
    idNumber: data.idNumber === null ? null : maskIdNumber(data.idNumber),
  };
}

function maskDigits(value: string, keepFirst: number, keepLast: number): string {
  const chars = [...value];
  const positions = chars.flatMap((c, i) => (/[0-9A-Za-z]/.test(c) ? [i] : []));
  const shown = new Set([...positions.slice(0, keepFirst), ...positions.slice(Math.max(keepFirst, positions.length - keepLast))]);
  return chars.map((c, i) => (positions.includes(i) && !shown.has(i) ? '*' : c)).join('');
}
