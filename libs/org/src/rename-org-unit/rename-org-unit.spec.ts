import { InvalidValueError, RecordNotFoundError } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { orgUnitDecider } from '../org.decider';
import { OrgErrorCode, OrgUnitLifecycleError } from '../org.errors';
import { closed, ids, meta, registered, rename, renamed } from '../testing/fixtures';
import { renameOrgUnitRoute } from './rename-org-unit.command';

const { given } = deciderSpec(orgUnitDecider);

describe('RenameOrgUnit', () => {
  it('renames an open unit', () => given([registered()]).when(rename('青河镇东坡社区公共法律服务工作室')).then([renamed('青河镇东坡社区公共法律服务工作室')]));

  it('keeps the new name', () =>
    given([registered()])
      .when(rename('东坡社区'))
      .thenState((state) => expect(state).toMatchObject({ status: 'active', name: '东坡社区' })));

  it('refuses the name the unit already has, naming the field', () =>
    given([registered({ name: '东坡村' })]).when(rename('东坡村')).thenThrows(InvalidValueError, OrgErrorCode.SAME_NAME));

  it('refuses a closed unit', () => given([registered(), closed()]).when(rename('东坡社区')).thenThrows(OrgUnitLifecycleError, OrgErrorCode.ALREADY_CLOSED));

  it('refuses a unit that was never registered', () => given([]).when(rename('东坡社区')).thenThrows(RecordNotFoundError, OrgErrorCode.NOT_FOUND));

  it('is the rename action, taking only the name', () => {
    expect(renameOrgUnitRoute).toMatchObject({ collection: 'org-units', action: 'rename', body: { required: ['name'], additionalProperties: false } });
    expect(renameOrgUnitRoute.toCommand({ id: ids.unit, body: { name: '东坡社区' }, metadata: meta(), loaded: {} })).toEqual(rename('东坡社区'));
  });
});
