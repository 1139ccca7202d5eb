import { InvalidValueError, type RouteDeps } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { OrgErrorCode, OrgUnitLifecycleError, ParentClosedError } from '../org.errors';
import { orgUnitDecider } from '../org.decider';
import type { OrgUnitState } from '../org.state';
import { cityRegistered, closed, ids, meta, parent, refusalOf, register, registered, stateOf, townshipRegistered } from '../testing/fixtures';
import { registerOrgUnitRoute } from './register-org-unit.command';

const { given } = deciderSpec(orgUnitDecider);

describe('RegisterOrgUnit', () => {
  it('registers a city, which has no parent', () =>
    given([])
      .when(register({ name: '云川市公共法律服务中心', level: 'city', parentId: null, parent: null, code: 'YC' }))
      .then([cityRegistered({ code: 'YC' })]));

  it('registers a township under an open city', () =>
    given([])
      .when(register({ name: '青河镇公共法律服务站', level: 'township', parentId: ids.city, parent: parent.city }))
      .then([townshipRegistered()]));

  it('registers a village under an open township, without a code', () => given([]).when(register()).then([registered({ code: null })]));

  it('starts the unit active under its parent since registration', () =>
    given([])
      .when(register())
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'active', parentId: ids.township, parentHistory: [{ parentId: ids.township, since: null, until: null }] }),
      ));

  it('refuses a second registration under the same id', () =>
    given([registered()]).when(register()).thenThrows(OrgUnitLifecycleError, OrgErrorCode.ALREADY_REGISTERED));

  it('refuses a second registration of a closed unit too', () =>
    given([registered(), closed()]).when(register()).thenRefuses(OrgErrorCode.ALREADY_REGISTERED));

  it('refuses a city with a parent', () =>
    given([])
      .when(register({ level: 'city', parentId: ids.otherCity, parent: parent.city }))
      .thenThrows(InvalidValueError, OrgErrorCode.INVALID_PARENT_LEVEL));

  it.each(['township', 'village'] as const)('refuses a %s without a parent', (level) =>
    given([]).when(register({ level, parentId: null, parent: null })).thenThrows(InvalidValueError, OrgErrorCode.INVALID_PARENT_LEVEL));

  it('refuses a parent that does not exist, naming parentId (422)', () => {
    given([]).when(register({ parent: null })).thenThrows(InvalidValueError, OrgErrorCode.PARENT_NOT_FOUND);
    expect(refusalOf(() => orgUnitDecider.decide(register({ parent: null }), orgUnitDecider.initialState))).toMatchObject({
      kind: 'invalid',
      field: 'parentId',
    });
  });

  it.each([
    ['township', 'township'],
    ['township', 'village'],
    ['village', 'city'],
    ['village', 'village'],
  ] as const)('refuses a %s under a %s', (level, parentLevel) =>
    given([])
      .when(register({ level, parent: parent[parentLevel] }))
      .thenThrows(InvalidValueError, OrgErrorCode.INVALID_PARENT_LEVEL));

  it('refuses a closed parent as a conflict naming parentId (409)', () => {
    given([]).when(register({ parent: parent.closedTownship })).thenThrows(ParentClosedError, OrgErrorCode.PARENT_CLOSED);
    expect(refusalOf(() => orgUnitDecider.decide(register({ parent: parent.closedTownship }), orgUnitDecider.initialState))).toMatchObject({
      kind: 'conflict',
      field: 'parentId',
    });
  });
});

describe('RegisterOrgUnit route', () => {
  const records = new Map<string, OrgUnitState>([
    [ids.township, { status: 'active', id: ids.township, name: '青河镇公共法律服务站', level: 'township', parentId: ids.city, code: null, parentHistory: [] }],
  ]);
  const deps: RouteDeps = {
    readRecord: async <S>(collection: string, id: string) => {
      expect(collection).toBe('org-units');
      const state = records.get(id);
      return state ? { state: state as S, version: 1 } : null;
    },
  };

  it('is the create action of org-units on the orgunit stream', () =>
    expect(registerOrgUnitRoute).toMatchObject({ collection: 'org-units', action: null, streamCategory: 'orgunit' }));

  it('loads the level and status of the chosen parent', async () =>
    expect(await registerOrgUnitRoute.load!({ id: ids.unit, body: { parentId: ids.township } }, deps)).toEqual({ parent: parent.township }));

  it('loads nothing for an unknown parent or for a city', async () => {
    expect(await registerOrgUnitRoute.load!({ id: ids.unit, body: { parentId: ids.otherTownship } }, deps)).toEqual({ parent: null });
    expect(await registerOrgUnitRoute.load!({ id: ids.unit, body: { parentId: null } }, deps)).toEqual({ parent: null });
  });

  it('turns the body and the loaded parent into the command', () =>
    expect(
      registerOrgUnitRoute.toCommand({
        id: ids.unit,
        body: { name: '东坡村', level: 'village', parentId: ids.township, code: 'YC01-01' },
        metadata: meta(),
        loaded: { parent: parent.township },
      }),
    ).toEqual(register({ name: '东坡村', code: 'YC01-01' })));

  it('scopes the events to the new unit itself', () => expect(registerOrgUnitRoute.orgUnitOf!(stateOf(registered()))).toBe(ids.unit));
});
