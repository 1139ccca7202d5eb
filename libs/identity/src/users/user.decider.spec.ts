import { InvalidValueError } from '@pls/event-sourcing';
import { deciderSpec } from '@pls/event-sourcing/testing';
import type { UserCommand } from './user.commands';
import { userDecider } from './user.decider';
import { UserErrorCode, UserLifecycleError, UserNotFoundError } from './user.errors';
import type { UserEvent } from './user.events';

const { given } = deciderSpec(userDecider);

const userId = '7d5b1c1e-0d4f-4a43-9f55-3f3c8f0b7a10';
const village = '1b7f3a8e-5c2d-4e6f-8a9b-0c1d2e3f4a5b';
const township = '2c8f3a8e-5c2d-4e6f-8a9b-0c1d2e3f4a5b';
const adminId = '00000000-0000-4000-8000-00000000ad01';
const meta = (actorId = adminId) => ({ commandId: 'c0a80101-0000-4000-8000-000000000001', actorId, now: '2026-03-02T08:00:00.000Z' });

const cmd = <T extends UserCommand['type']>(type: T, data: Extract<UserCommand, { type: T }>['data'], actorId?: string) =>
  ({ type, data, metadata: meta(actorId) }) as Extract<UserCommand, { type: T }>;
const registered = (over: Partial<{ role: 'operator' | 'worker' | 'supervisor' | 'admin'; orgUnitId: string | null }> = {}): UserEvent => ({
  type: 'UserRegistered',
  data: { userId, role: 'worker', orgUnitId: village, ...over },
});
const deactivated: UserEvent = { type: 'UserDeactivated', data: { userId } };

describe('user decider', () => {
  it('registers a user with one role and one org unit', () =>
    given([]).when(cmd('RegisterUser', { userId, role: 'worker', orgUnitId: village })).then([registered()]));

  it('lets only an admin be network-wide', () => {
    given([]).when(cmd('RegisterUser', { userId, role: 'admin', orgUnitId: null })).then([registered({ role: 'admin', orgUnitId: null })]);
    given([]).when(cmd('RegisterUser', { userId, role: 'supervisor', orgUnitId: null })).thenThrows(InvalidValueError, UserErrorCode.SCOPE_REQUIRED);
  });

  it('refuses a second registration under the same id', () =>
    given([registered()]).when(cmd('RegisterUser', { userId, role: 'worker', orgUnitId: village })).thenThrows(UserLifecycleError, UserErrorCode.ALREADY_REGISTERED));

  it('changes the role, and nothing when it is the same', () => {
    given([registered()]).when(cmd('ChangeUserRole', { userId, role: 'supervisor' })).then([{ type: 'UserRoleChanged', data: { userId, role: 'supervisor' } }]);
    given([registered()]).when(cmd('ChangeUserRole', { userId, role: 'worker' })).then([]);
  });

  it('keeps a network-wide admin an admin', () =>
    given([registered({ role: 'admin', orgUnitId: null })]).when(cmd('ChangeUserRole', { userId, role: 'worker' })).thenRefuses(UserErrorCode.SCOPE_REQUIRED));

  it('moves the user to another unit', () =>
    given([registered()])
      .when(cmd('ChangeUserScope', { userId, orgUnitId: township }))
      .thenState((state) => expect(state).toMatchObject({ status: 'active', orgUnitId: township })));

  it('deactivates and reactivates, each once', () => {
    given([registered()]).when(cmd('DeactivateUser', { userId })).then([deactivated]);
    given([registered(), deactivated]).when(cmd('DeactivateUser', { userId })).thenRefuses(UserErrorCode.ALREADY_DEACTIVATED);
    given([registered(), deactivated]).when(cmd('ReactivateUser', { userId })).then([{ type: 'UserReactivated', data: { userId } }]);
    given([registered()]).when(cmd('ReactivateUser', { userId })).thenRefuses(UserErrorCode.NOT_DEACTIVATED);
  });

  it('does not let an admin deactivate himself', () =>
    given([registered({ role: 'admin' })]).when(cmd('DeactivateUser', { userId }, userId)).thenRefuses(UserErrorCode.SELF_DEACTIVATION));

  it('records a password change with nothing of the password in it', () => {
    given([registered()]).when(cmd('RecordPasswordChange', { userId, by: 'self' })).then([{ type: 'UserPasswordChanged', data: { userId, by: 'self' } }]);
    given([registered(), deactivated]).when(cmd('RecordPasswordChange', { userId, by: 'self' })).thenRefuses(UserErrorCode.DEACTIVATED);
    given([registered(), deactivated]).when(cmd('RecordPasswordChange', { userId, by: 'admin' })).then([{ type: 'UserPasswordChanged', data: { userId, by: 'admin' } }]);
  });

  it('knows no user before registration', () =>
    given([]).when(cmd('ChangeUserRole', { userId, role: 'worker' })).thenThrows(UserNotFoundError, UserErrorCode.NOT_FOUND));
});
