import type { Command, CommandRoute } from '@pls/event-sourcing';
import { orgUnitCollection } from '../org.collection';
import type { OrgUnitEvent } from '../org.events';
import { loadedParent, loadParent, type ParentFacts } from '../org.parent';
import { body, businessDate, uuid } from '../org.schemas';
import type { OrgUnitState } from '../org.state';

export type MoveOrgUnit = Command<
  'MoveOrgUnit',
  {
    readonly parentId: string;
    /** Defaults to the command's date in Asia/Shanghai. */
    readonly effectiveOn?: string;
    /** The new parent as `load` found it; `null` when there is no such unit. */
    readonly parent: ParentFacts | null;
  }
>;

export const moveOrgUnitBody = body({ parentId: uuid, effectiveOn: businessDate }, ['effectiveOn']);

export const moveOrgUnitRoute: CommandRoute<MoveOrgUnit, OrgUnitEvent, OrgUnitState> = {
  ...orgUnitCollection,
  name: 'MoveOrgUnit',
  action: 'move',
  summary: 'Move a township or village under another parent from a given date',
  body: moveOrgUnitBody,
  load: ({ body }, deps) => loadParent(body.parentId, deps),
  toCommand: ({ body, metadata, loaded }) => ({
    type: 'MoveOrgUnit',
    data: { parentId: body.parentId, effectiveOn: body.effectiveOn, parent: loadedParent(loaded) },
    metadata,
  }),
};
