import type { Command, CommandRoute } from '@pls/event-sourcing';
import { orgUnitCollection } from '../org.collection';
import type { OrgUnitEvent } from '../org.events';
import { body, businessDate } from '../org.schemas';
import type { OrgUnitState } from '../org.state';

export type CloseOrgUnit = Command<
  'CloseOrgUnit',
  {
    /** Defaults to the command's date in Asia/Shanghai. */
    readonly closedOn?: string;
  }
>;

export const closeOrgUnitBody = body({ closedOn: businessDate }, ['closedOn']);

export const closeOrgUnitRoute: CommandRoute<CloseOrgUnit, OrgUnitEvent, OrgUnitState> = {
  ...orgUnitCollection,
  name: 'CloseOrgUnit',
  action: 'close',
  summary: 'Close an org unit: it takes no new records and no new child units',
  body: closeOrgUnitBody,
  toCommand: ({ body, metadata }) => ({ type: 'CloseOrgUnit', data: { closedOn: body.closedOn }, metadata }),
};
