import { RecordNotFoundError } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import { orgUnitDecider } from '../org.decider';
import { OrgErrorCode, OrgUnitLifecycleError } from '../org.errors';
import { close, closed, moved, registered } from '../testing/fixtures';

const { given } = deciderSpec(orgUnitDecider);

describe('CloseOrgUnit', () => {
  it('closes an open unit on the given date', () => given([registered()]).when(close({ closedOn: '2021-06-30' })).then([closed({ closedOn: '2021-06-30' })]));

  it('closes on the command date in Asia/Shanghai when no date is given', () =>
    // 23:30 UTC on 30 June is already 1 July in Shanghai.
    given([registered()]).when(close({}, '2021-06-30T23:30:00Z')).then([closed({ closedOn: '2021-07-01' })]));

  it('closes a moved unit, keeping its parent history', () =>
    given([registered(), moved({ effectiveOn: '2021-02-01' })])
      .when(close({ closedOn: '2021-06-30' }))
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'closed', closedOn: '2021-06-30', parentHistory: [{ until: '2021-02-01' }, { until: null }] }),
      ));

  it('refuses closing twice', () => given([registered(), closed()]).when(close()).thenThrows(OrgUnitLifecycleError, OrgErrorCode.ALREADY_CLOSED));

  it('refuses a unit that was never registered', () => given([]).when(close()).thenThrows(RecordNotFoundError, OrgErrorCode.NOT_FOUND));
});
