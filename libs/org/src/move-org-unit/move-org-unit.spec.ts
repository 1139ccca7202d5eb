import { InvalidValueError, RecordNotFoundError, type RouteDeps } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { orgUnitDecider } from '../org.decider';
import { OrgErrorCode, OrgUnitLifecycleError, ParentClosedError } from '../org.errors';
import { cityRegistered, closed, ids, meta, move, moved, parent, registered, stateOf, townshipRegistered } from '../testing/fixtures';
import { moveOrgUnitRoute } from './move-org-unit.command';

const { given } = deciderSpec(orgUnitDecider);

describe('MoveOrgUnit', () => {
  it('moves a village to another open township from the given date', () =>
    given([registered()])
      .when(move({ effectiveOn: '2021-04-01' }))
      .then([moved({ fromParentId: ids.township, toParentId: ids.otherTownship, effectiveOn: '2021-04-01' })]));

  it('takes effect on the command date in Asia/Shanghai when no date is given', () =>
    // 17:30 UTC on 1 March is 01:30 on 2 March in Shanghai.
    given([registered()]).when(move({}, '2021-03-01T17:30:00Z')).then([moved({ effectiveOn: '2021-03-02' })]));

  it('moves a township to another open city', () =>
    given([townshipRegistered()])
      .when(move({ parentId: ids.otherCity, parent: parent.city, effectiveOn: '2021-04-01' }))
      .then([moved({ fromParentId: ids.city, toParentId: ids.otherCity, effectiveOn: '2021-04-01' })]));

  it('keeps the old parent for the days before the move (a moved village keeps its past)', () =>
    given([registered()])
      .when(move({ effectiveOn: '2021-04-01' }))
      .thenState((state) =>
        expect(state).toMatchObject({
          parentId: ids.otherTownship,
          parentHistory: [
            { parentId: ids.township, since: null, until: '2021-04-01' },
            { parentId: ids.otherTownship, since: '2021-04-01', until: null },
          ],
        }),
      ));

  it('accepts a second move effective on the day of the first', () =>
    given([registered(), moved({ effectiveOn: '2021-04-01' })])
      .when(move({ parentId: ids.township, effectiveOn: '2021-04-01' }))
      .then([moved({ fromParentId: ids.otherTownship, toParentId: ids.township, effectiveOn: '2021-04-01' })]));

  it('refuses a move effective before the last one', () =>
    given([registered(), moved({ effectiveOn: '2021-04-01' })])
      .when(move({ parentId: ids.township, effectiveOn: '2021-03-31' }))
      .thenThrows(InvalidValueError, OrgErrorCode.MOVE_BEFORE_LAST_MOVE));

  it('refuses moving a city', () =>
    given([cityRegistered()])
      .when(move({ parentId: ids.otherCity, parent: parent.city }))
      .thenThrows(OrgUnitLifecycleError, OrgErrorCode.CITY_NOT_MOVABLE));

  it('refuses a move to the current parent', () =>
    given([registered()]).when(move({ parentId: ids.township })).thenThrows(InvalidValueError, OrgErrorCode.SAME_PARENT));

  it('refuses a closed target', () =>
    given([registered()]).when(move({ parent: parent.closedTownship })).thenThrows(ParentClosedError, OrgErrorCode.PARENT_CLOSED));

  it('refuses a target that does not exist', () =>
    given([registered()]).when(move({ parent: null })).thenThrows(InvalidValueError, OrgErrorCode.PARENT_NOT_FOUND));

  it.each([
    ['a village under a city', registered(), parent.city],
    ['a village under a village', registered(), parent.village],
    ['a township under a township', townshipRegistered(), parent.township],
  ] as const)('refuses %s', (_, unit, target) =>
    given([unit]).when(move({ parent: target })).thenThrows(InvalidValueError, OrgErrorCode.INVALID_PARENT_LEVEL));

  it('refuses a closed unit', () =>
    given([registered(), closed()]).when(move()).thenThrows(OrgUnitLifecycleError, OrgErrorCode.ALREADY_CLOSED));

  it('refuses a unit that was never registered', () => given([]).when(move()).thenThrows(RecordNotFoundError, OrgErrorCode.NOT_FOUND));
});

describe('MoveOrgUnit route', () => {
  it('loads the target parent and passes it to the decision', async () => {
    const deps: RouteDeps = {
      readRecord: async <S>(collection: string, id: string) =>
        collection === 'org-units' && id === ids.otherTownship
          ? { state: stateOf(townshipRegistered({ orgUnitId: id })) as S, version: 1 }
          : null,
    };
    const body = { parentId: ids.otherTownship, effectiveOn: '2021-04-01' };
    const loaded = await moveOrgUnitRoute.load!({ id: ids.unit, body }, deps);
    expect(loaded).toEqual({ parent: parent.township });
    expect(moveOrgUnitRoute.toCommand({ id: ids.unit, body, metadata: meta(), loaded })).toEqual(move({ effectiveOn: '2021-04-01' }));
  });

  it('reports a closed target as closed', async () => {
    const closedTownship = stateOf(townshipRegistered({ orgUnitId: ids.otherTownship }), closed({ orgUnitId: ids.otherTownship }));
    const deps: RouteDeps = { readRecord: async <S>() => ({ state: closedTownship as S, version: 2 }) };
    expect(await moveOrgUnitRoute.load!({ id: ids.unit, body: { parentId: ids.otherTownship } }, deps)).toEqual({ parent: parent.closedTownship });
  });
});
