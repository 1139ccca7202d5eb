import type { Command, CommandRoute } from '@pls/event-sourcing';
import { orgUnitCollection } from '../org.collection';
import type { OrgUnitEvent } from '../org.events';
import { body, unitName } from '../org.schemas';
import type { OrgUnitState } from '../org.state';

export type RenameOrgUnit = Command<'RenameOrgUnit', { readonly name: string }>;

export const renameOrgUnitBody = body({ name: unitName });

export const renameOrgUnitRoute: CommandRoute<RenameOrgUnit, OrgUnitEvent, OrgUnitState> = {
  ...orgUnitCollection,
  name: 'RenameOrgUnit',
  action: 'rename',
  summary: 'Rename an open org unit',
  body: renameOrgUnitBody,
  toCommand: ({ body, metadata }) => ({ type: 'RenameOrgUnit', data: { name: body.name }, metadata }),
};
