import { keysOf, ORG_LEVELS, type OrgLevel } from '@pls/reference';
import { InvalidNetworkFileError } from '../org.errors';
import { PARENT_LEVEL } from '../org.parent';
import { ORG_UNIT_CODE_PATTERN, ORG_UNIT_NAME_MAX_LENGTH } from '../org.schemas';

/**
 * A network file describes a service network as data, so a city can be set up
 * (or a demo loaded) by registering its units in one go:
 *
 *   { "units": [{ "key": "t01", "name": "青河镇公共法律服务站", "level": "township",
 *                 "parentKey": "city", "code": "YC01" }, …] }
 *
 * `key` names a unit within its file, for good: unit ids derive from it, so it
 * must never be reused for another unit or changed. `parentKey` is `null` for a
 * city and otherwise names a unit of the level above in the same file. `code`
 * is optional.
 */
export interface NetworkFile {
  readonly units: readonly NetworkUnit[];
}

export interface NetworkUnit {
  readonly key: string;
  readonly name: string;
  readonly level: OrgLevel;
  readonly parentKey: string | null;
  readonly code?: string;
}

const KEY_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CODE_RE = new RegExp(ORG_UNIT_CODE_PATTERN);
const UNIT_FIELDS = new Set(['key', 'name', 'level', 'parentKey', 'code']);
const LEVELS: readonly string[] = keysOf(ORG_LEVELS);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a parsed JSON value against the format and the tree rules (unique keys
 * and codes, each parent in the file and one level up) and returns it typed.
 * Throws `InvalidNetworkFileError` listing every problem found.
 */
export function parseNetworkFile(json: unknown): NetworkFile {
  if (!isObject(json) || !Array.isArray(json['units'])) throw new InvalidNetworkFileError(['the file must be an object with a "units" array']);
  const problems = Object.keys(json)
    .filter((field) => field !== 'units')
    .map((field) => `unknown field "${field}"`);
  const units: NetworkUnit[] = [];
  (json['units'] as unknown[]).forEach((unit, i) => {
    const found = unitProblems(unit, `units[${i}]`);
    if (found.length === 0) units.push(unit as NetworkUnit);
    problems.push(...found);
  });
  if (problems.length === 0) problems.push(...treeProblems(units));
  if (problems.length > 0) throw new InvalidNetworkFileError(problems);
  return { units };
}

function unitProblems(unit: unknown, at: string): string[] {
  if (!isObject(unit)) return [`${at}: not an object`];
  const problems = Object.keys(unit)
    .filter((field) => !UNIT_FIELDS.has(field))
    .map((field) => `${at}.${field}: unknown field`);
  const { key, name, level, parentKey, code } = unit;
  if (typeof key !== 'string' || !KEY_RE.test(key)) problems.push(`${at}.key: lower-case letters, digits and dashes, at most 64`);
  if (typeof name !== 'string' || name.trim() === '' || name.length > ORG_UNIT_NAME_MAX_LENGTH) {
    problems.push(`${at}.name: 1 to ${ORG_UNIT_NAME_MAX_LENGTH} characters, not blank`);
  }
  if (typeof level !== 'string' || !LEVELS.includes(level)) problems.push(`${at}.level: one of ${LEVELS.join(', ')}`);
  if (parentKey !== null && typeof parentKey !== 'string') problems.push(`${at}.parentKey: a key or null`);
  if (code !== undefined && (typeof code !== 'string' || !CODE_RE.test(code))) problems.push(`${at}.code: must match ${ORG_UNIT_CODE_PATTERN}`);
  return problems;
}

/** The same rules the decider applies one unit at a time, checked across the whole file up front. */
function treeProblems(units: readonly NetworkUnit[]): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, NetworkUnit>();
  const codes = new Set<string>();
  for (const unit of units) {
    if (byKey.has(unit.key)) problems.push(`unit "${unit.key}": key used twice`);
    byKey.set(unit.key, unit);
    if (unit.code !== undefined) {
      if (codes.has(unit.code)) problems.push(`unit "${unit.key}": code "${unit.code}" used twice`);
      codes.add(unit.code);
    }
  }
  for (const unit of units) {
    const expected = PARENT_LEVEL[unit.level];
    if (expected === null) {
      if (unit.parentKey !== null) problems.push(`unit "${unit.key}": a city has no parent`);
      continue;
    }
    const parent = unit.parentKey === null ? undefined : byKey.get(unit.parentKey);
    if (parent === undefined) problems.push(`unit "${unit.key}": a ${unit.level} needs a ${expected} of this file as parent`);
    else if (parent.level !== expected) problems.push(`unit "${unit.key}": parent "${parent.key}" is a ${parent.level}, not a ${expected}`);
  }
  return problems;
}
