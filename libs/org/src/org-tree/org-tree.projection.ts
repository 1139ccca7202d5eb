import type { RecordedEvent } from '@pls/event-store';
import type { Projection } from '@pls/read-model';
import type { EntityManager } from 'typeorm';
import type { OrgUnitEvent } from '../org.events';

const ORG_EVENTS = new Set(['OrgUnitRegistered', 'OrgUnitRenamed', 'OrgUnitMoved', 'OrgUnitClosed']);

interface Row {
  id: string;
  path: string;
}

/** `org_units`: the tree as it stands now (the statistics keep the tree as it was). */
export const orgTreeProjection: Projection = {
  name: 'org-tree',
  tables: ['org_units'],
  eventTypes: ORG_EVENTS,
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const recorded of events) {
      if (!ORG_EVENTS.has(recorded.type)) continue;
      const event = { type: recorded.type, data: recorded.data } as OrgUnitEvent;
      switch (event.type) {
        case 'OrgUnitRegistered': {
          const parentPath = event.data.parentId ? ((await pathOf(tx, event.data.parentId)) ?? '/') : '/';
          await tx
            .createQueryBuilder()
            .insert()
            .into('org_units')
            .values({
              id: event.data.orgUnitId,
              name: event.data.name,
              level: event.data.level,
              parent_id: event.data.parentId,
              status: 'active',
              code: event.data.code,
              path: `${parentPath}${event.data.orgUnitId}/`,
            })
            .orIgnore()
            .execute();
          break;
        }
        case 'OrgUnitRenamed':
          await tx.createQueryBuilder().update('org_units').set({ name: event.data.name }).where('id = :id', { id: event.data.orgUnitId }).execute();
          break;
        case 'OrgUnitClosed':
          await tx.createQueryBuilder().update('org_units').set({ status: 'closed' }).where('id = :id', { id: event.data.orgUnitId }).execute();
          break;
        case 'OrgUnitMoved': {
          const oldPath = await pathOf(tx, event.data.orgUnitId);
          const parentPath = await pathOf(tx, event.data.toParentId);
          if (oldPath === null || parentPath === null) break;
          const newPath = `${parentPath}${event.data.orgUnitId}/`;
          await tx.createQueryBuilder().update('org_units').set({ parent_id: event.data.toParentId }).where('id = :id', { id: event.data.orgUnitId }).execute();
          const subtree = await tx
            .createQueryBuilder()
            .select(['u.id AS id', 'u.path AS path'])
            .from('org_units', 'u')
            .where('u.path LIKE :prefix', { prefix: `${oldPath}%` })
            .getRawMany<Row>();
          for (const row of subtree) {
            await tx
              .createQueryBuilder()
              .update('org_units')
              .set({ path: newPath + row.path.slice(oldPath.length) })
              .where('id = :id', { id: row.id })
              .execute();
          }
          break;
        }
      }
    }
  },
};

async function pathOf(tx: EntityManager, id: string): Promise<string | null> {
  const row = await tx.createQueryBuilder().select('u.path', 'path').from('org_units', 'u').where('u.id = :id', { id }).getRawOne<{ path: string }>();
  return row?.path ?? null;
}
