import type { PersonLink } from '../person-links/person-links.query';
import { personAccess, type Caller } from './person-access';

const VILLAGE = 'v1';
const OTHER_VILLAGE = 'v2';
const mediation = (orgUnitId: string, workerIds: string[] = []): PersonLink => ({
  recordId: 'r1',
  collection: 'mediations',
  orgUnitId,
  workerIds,
  open: true,
  closedOn: null,
});

function access(caller: Caller, links: PersonLink[], options: { scope?: string[]; networkWide?: boolean; registeredBy?: string } = {}) {
  const scope = new Set(options.scope ?? [VILLAGE]);
  return personAccess({
    caller,
    links,
    inScope: (u) => (options.networkWide ? true : u !== null && scope.has(u)),
    networkWide: options.networkWide ?? false,
    registeredBy: options.registeredBy ?? null,
  });
}
const fields = (s: ReadonlySet<string>) => [...s].sort();

describe('who sees what of a person', () => {
  const worker: Caller = { id: 'w1', role: 'worker' };
  const operator: Caller = { id: 'o1', role: 'operator' };
  const supervisor: Caller = { id: 's1', role: 'supervisor' };
  const admin: Caller = { id: 'a1', role: 'admin' };

  it('shows masked values and clear name and phone to a worker with a record in her subtree, not the ID number', () => {
    const a = access(worker, [mediation(VILLAGE)]);
    expect(a.masked).toBe(true);
    expect(fields(a.clear)).toEqual(['name', 'phone']);
  });

  it('shows the ID number to the record’s own worker (a mediator), even outside her subtree', () => {
    expect(fields(access(worker, [mediation(OTHER_VILLAGE, ['w1'])]).clear)).toEqual(['idNumber', 'name', 'phone']);
  });

  it('shows nothing outside the caller’s subtree', () => {
    const a = access(operator, [mediation(OTHER_VILLAGE)]);
    expect([a.masked, a.clear.size, a.manage]).toEqual([false, 0, false]);
  });

  it('shows the registering operator the masked person before any record names them, nothing in clear', () => {
    const a = access(operator, [], { registeredBy: 'o1' });
    expect([a.masked, a.clear.size]).toEqual([true, 0]);
    expect(access(operator, [], { registeredBy: 'someone-else' }).masked).toBe(false);
  });

  it('shows supervisors and admins masked values; lets them export and erase in scope', () => {
    for (const caller of [supervisor, admin]) {
      const a = access(caller, [mediation(VILLAGE)]);
      expect([a.masked, a.clear.size, a.manage]).toEqual([true, 0, true]);
    }
    expect(access(supervisor, [mediation(OTHER_VILLAGE)]).manage).toBe(false);
    expect(access(admin, [], { networkWide: true }).manage).toBe(true);
    expect(access(worker, [mediation(VILLAGE)]).manage).toBe(false);
  });

  it('lets only a supervisor in scope read a restricted person’s name and phone', () => {
    expect(fields(access(supervisor, [mediation(VILLAGE)]).clearWhileRestricted)).toEqual(['name', 'phone']);
    expect(access(worker, [mediation(VILLAGE, ['w1'])]).clearWhileRestricted.size).toBe(0);
    expect(access(admin, [mediation(VILLAGE)]).clearWhileRestricted.size).toBe(0);
  });
});
