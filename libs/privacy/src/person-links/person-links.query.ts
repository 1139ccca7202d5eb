import type { DataSource } from 'typeorm';
import { PERSON_LINK_RECORDS_TABLE, PERSON_LINKS_TABLE } from './person-links.projection';

/** A record that names a person, as the `person-links` projection keeps it. */
export interface PersonLink {
  readonly recordId: string;
  /** API collection: `mediations`, `hotline-calls`, `work-orders`, `consultations` … */
  readonly collection: string;
  /** The record's unit as its latest event states it. */
  readonly orgUnitId: string | null;
  /** The record's own workers: mediators, the work order's acknowledging handler. */
  readonly workerIds: readonly string[];
  readonly open: boolean;
  /** Asia/Shanghai date the record closed; `null` while open. */
  readonly closedOn: string | null;
}

interface Row {
  record_id: string;
  collection: string;
  org_unit_id: string | null;
  worker_ids: string;
  open: number | string;
  closed_on: string | null;
}

/** Every record that names `personId`, oldest reference first. */
export async function linksOfPerson(db: DataSource, personId: string): Promise<PersonLink[]> {
  const rows = await db
    .createQueryBuilder()
    .select(['r.record_id AS record_id', 'r.collection AS collection', 'r.org_unit_id AS org_unit_id', 'r.worker_ids AS worker_ids'])
    .addSelect(['r.open AS open', 'r.closed_on AS closed_on'])
    .from(PERSON_LINKS_TABLE, 'l')
    .innerJoin(PERSON_LINK_RECORDS_TABLE, 'r', 'r.record_id = l.record_id')
    .where('l.person_id = :personId', { personId: personId.toLowerCase() })
    .orderBy('r.record_id', 'ASC')
    .getRawMany<Row>();
  return rows.map((r) => ({
    recordId: r.record_id,
    collection: r.collection,
    orgUnitId: r.org_unit_id,
    workerIds: JSON.parse(r.worker_ids) as string[],
    open: Number(r.open) === 1,
    closedOn: r.closed_on,
  }));
}
