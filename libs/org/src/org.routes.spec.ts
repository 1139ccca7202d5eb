import { orgUnitRoutes, orgUnitView } from './org.routes';
import { closed, ids, moved, registered, stateOf } from './testing/fixtures';

describe('org unit routes', () => {
  it('mount register, rename, move and close on org-units', () =>
    expect(orgUnitRoutes.map((r) => [r.name, r.collection, r.action, r.streamCategory])).toEqual([
      ['RegisterOrgUnit', 'org-units', null, 'orgunit'],
      ['RenameOrgUnit', 'org-units', 'rename', 'orgunit'],
      ['MoveOrgUnit', 'org-units', 'move', 'orgunit'],
      ['CloseOrgUnit', 'org-units', 'close', 'orgunit'],
    ]));

  it('close every body to fields they do not define', () =>
    orgUnitRoutes.forEach((route) => expect(route.body).toMatchObject({ type: 'object', additionalProperties: false })));
});

describe('org unit view', () => {
  it('has no record before registration (404)', () => expect(orgUnitView.view(stateOf())).toBeNull());

  it('shows a moved and closed village with the parents it has had', () =>
    expect(orgUnitView.view(stateOf(registered({ code: 'YC01-01' }), moved({ effectiveOn: '2021-02-01' }), closed({ closedOn: '2021-02-15' })))).toEqual({
      id: ids.unit,
      status: 'closed',
      name: '青河镇东坡村公共法律服务工作室',
      level: 'village',
      parentId: ids.otherTownship,
      code: 'YC01-01',
      parentHistory: [
        { parentId: ids.township, since: null, until: '2021-02-01' },
        { parentId: ids.otherTownship, since: '2021-02-01', until: null },
      ],
      closedOn: '2021-02-15',
    }));

  it('shows an open unit with no closing date', () =>
    expect(orgUnitView.view(stateOf(registered()))).toMatchObject({ status: 'active', parentId: ids.township, closedOn: null }));
});
