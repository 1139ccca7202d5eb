import type { Command, CommandRoute } from '@pls/event-sourcing';
import { keysOf, ORG_LEVELS, type OrgLevel } from '@pls/reference';
import { orgUnitCollection } from '../org.collection';
import type { OrgUnitEvent } from '../org.events';
import { loadedParent, loadParent, type ParentFacts } from '../org.parent';
import { body, unitCode, unitName, uuid } from '../org.schemas';
import type { OrgUnitState } from '../org.state';

export type RegisterOrgUnit = Command<
  'RegisterOrgUnit',
  {
    readonly id: string;
    readonly name: string;
    readonly level: OrgLevel;
    readonly parentId: string | null;
    readonly code?: string;
    /** The parent as `load` found it; `null` when there is none (or no such unit). */
    readonly parent: ParentFacts | null;
  }
>;

export const registerOrgUnitBody = body(
  {
    id: uuid,
    name: unitName,
    level: { type: 'string', enum: keysOf(ORG_LEVELS) },
    parentId: { anyOf: [uuid, { type: 'null' }] },
    code: unitCode,
  },
  ['id', 'code'],
);

export const registerOrgUnitRoute: CommandRoute<RegisterOrgUnit, OrgUnitEvent, OrgUnitState> = {
  ...orgUnitCollection,
  name: 'RegisterOrgUnit',
  action: null,
  summary: 'Register an org unit: a city centre, a township station or a village workroom',
  body: registerOrgUnitBody,
  // The parent is checked here rather than as a `references` entry: the
  // decision needs its level and status, and answers with ORG.* codes.
  load: ({ body }, deps) => loadParent(body.parentId, deps),
  toCommand: ({ id, body, metadata, loaded }) => ({
    type: 'RegisterOrgUnit',
    data: { id, name: body.name, level: body.level, parentId: body.parentId, code: body.code, parent: loadedParent(loaded) },
    metadata,
  }),
};
