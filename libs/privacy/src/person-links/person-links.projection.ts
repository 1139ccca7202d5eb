import type { RecordedEvent } from '@pls/event-store';
import type { Projection } from '@pls/read-model';
import { shanghaiDate } from '@pls/reference';
import type { EntityManager } from 'typeorm';
import { personIdsIn, workerIdsIn } from './person-refs';

export const PERSON_LINKS_PROJECTION = 'person-links';
export const PERSON_LINKS_TABLE = 'person_links';
export const PERSON_LINK_RECORDS_TABLE = 'person_link_records';

/** Stream category → API collection; a category not listed is its own collection name. */
const COLLECTIONS: Readonly<Record<string, string>> = {
  mediation: 'mediations',
  workorder: 'work-orders',
  hotlinecall: 'hotline-calls',
  consultation: 'consultations',
  lecture: 'lectures',
};
/** Streams that are not records naming persons: a person's own stream, the org tree. */
const NOT_RECORDS = new Set(['person', 'orgunit']);

const date = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
const dayOf = (value: unknown): string | null =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? shanghaiDate(value) : null;

/**
 * The events that close a record, and the day it closed on: retention runs
 * from that day (DOMAIN.md lifecycles). A record type not listed here never
 * closes, so its persons are retained — the safe side for a new type.
 */
const CLOSES: Readonly<Record<string, (d: Record<string, unknown>) => string | null>> = {
  MediationRejected: (d) => date(d['rejectedOn']),
  // Agreement or termination concludes the case, but follow-up (回访, 履行) and filing remain: the file closes here.
  MediationClosed: (d) => date(d['closedOn']),
  WorkOrderClosed: (d) => date(d['closedOn']),
  ConsultationAnswered: (d) => date(d['answeredOn']),
  ConsultationReferred: (d) => date(d['referredOn']),
  HotlineCallClosed: (d) => dayOf(d['at']),
  HotlineCallbackAttempted: (d) => (d['reached'] === true ? dayOf(d['at']) : null),
};
const REOPENS: ReadonlySet<string> = new Set(['WorkOrderReopened']);

/**
 * Work orders name no person: they inherit the persons of the call they were
 * handed over from (`WorkOrderCreated.callId`).
 */
const INHERITS_FROM: readonly string[] = ['callId'];

/**
 * A work order's own worker is the user who signed for it (签收): the events
 * name no assignee user, only the unit. It goes back to the hotline (returned,
 * reopened, reassigned) without one.
 */
const TAKES_OVER: ReadonlySet<string> = new Set(['WorkOrderAcknowledged']);
const HANDS_BACK: ReadonlySet<string> = new Set(['WorkOrderAssigned', 'WorkOrderReturned', 'WorkOrderReopened']);

interface RecordRow {
  record_id: string;
  collection: string;
  org_unit_id: string | null;
  worker_ids: string;
  open: number;
  closed_on: string | null;
  updated_position: number;
}

const CHUNK = 200;

/**
 * `person_links` + `person_link_records`: which records name a person, with
 * the record's unit (as the record's latest event states it), its own workers,
 * whether it is open and when it closed. Person ids are found generically in
 * the event data (`personId`, `…PersonId`, arrays of objects with them), so
 * the projection follows every record type, present and future. Records that
 * never name a person get no row.
 */
export const personLinksProjection: Projection = {
  name: PERSON_LINKS_PROJECTION,
  tables: [PERSON_LINKS_TABLE, PERSON_LINK_RECORDS_TABLE],
  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const relevant = events.filter((e) => !NOT_RECORDS.has(categoryOf(e.stream)));
    if (relevant.length === 0) return;
    const batch = new LinksBatch(tx);
    await batch.load(relevant);
    for (const event of relevant) await batch.apply(event);
    await batch.flush();
  },
};

function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
}

function recordIdOf(stream: string): string {
  return stream.slice(stream.indexOf('-') + 1);
}

class LinksBatch {
  private readonly rows = new Map<string, RecordRow>();
  private readonly dirty = new Set<string>();
  /** Links found in this batch, per record (written at the flush). */
  private readonly newLinks = new Map<string, Set<string>>();

  constructor(private readonly tx: EntityManager) {}

  async load(events: readonly RecordedEvent[]): Promise<void> {
    const ids = new Set(events.map((e) => recordIdOf(e.stream)));
    for (const chunk of chunks([...ids])) {
      const found = await this.tx
        .createQueryBuilder()
        .select(['r.record_id AS record_id', 'r.collection AS collection', 'r.org_unit_id AS org_unit_id', 'r.worker_ids AS worker_ids'])
        .addSelect(['r.open AS open', 'r.closed_on AS closed_on', 'r.updated_position AS updated_position'])
        .from(PERSON_LINK_RECORDS_TABLE, 'r')
        .where('r.record_id IN (:...ids)', { ids: chunk })
        .getRawMany<RecordRow>();
      for (const row of found)
        this.rows.set(row.record_id, { ...row, open: Number(row.open), updated_position: Number(row.updated_position) });
    }
  }

  async apply(event: RecordedEvent): Promise<void> {
    const recordId = recordIdOf(event.stream);
    const category = categoryOf(event.stream);
    const data = (event.data ?? {}) as Record<string, unknown>;
    const persons = personIdsIn(data);
    for (const field of INHERITS_FROM) {
      const source = data[field];
      if (typeof source === 'string' && source !== recordId) persons.push(...(await this.personsOf(source)));
    }
    let row = this.rows.get(recordId);
    if (!row) {
      if (persons.length === 0) return;
      row = {
        record_id: recordId,
        collection: COLLECTIONS[category] ?? category,
        org_unit_id: null,
        worker_ids: '[]',
        open: 1,
        closed_on: null,
        updated_position: event.position,
      };
      this.rows.set(recordId, row);
    }
    if (persons.length > 0) {
      const links = this.newLinks.get(recordId) ?? new Set<string>();
      for (const p of persons) links.add(p);
      this.newLinks.set(recordId, links);
    }
    const unit = typeof data['orgUnitId'] === 'string' ? data['orgUnitId'] : event.metadata['orgUnitId'];
    if (typeof unit === 'string') row.org_unit_id = unit;
    const workers = workerIdsIn(data);
    if (workers !== undefined) row.worker_ids = JSON.stringify(workers);
    const actor = event.metadata['actorId'];
    if (TAKES_OVER.has(event.type) && typeof actor === 'string') row.worker_ids = JSON.stringify([actor]);
    if (HANDS_BACK.has(event.type)) row.worker_ids = '[]';
    const closes = CLOSES[event.type];
    const closedOn = closes ? closes(data) : null;
    if (closedOn !== null) Object.assign(row, { open: 0, closed_on: closedOn });
    if (REOPENS.has(event.type)) Object.assign(row, { open: 1, closed_on: null });
    row.updated_position = event.position;
    this.dirty.add(recordId);
  }

  /** Persons already linked to `recordId` (stored, or earlier in this batch). */
  private async personsOf(recordId: string): Promise<string[]> {
    const pending = this.newLinks.get(recordId);
    const stored = await this.tx
      .createQueryBuilder()
      .select('l.person_id', 'person_id')
      .from(PERSON_LINKS_TABLE, 'l')
      .where('l.record_id = :recordId', { recordId })
      .getRawMany<{ person_id: string }>();
    return [...new Set([...stored.map((r) => r.person_id), ...(pending ?? [])])];
  }

  async flush(): Promise<void> {
    const rows = [...this.dirty].map((id) => this.rows.get(id)!);
    for (const chunk of chunks(rows)) {
      await this.tx
        .createQueryBuilder()
        .insert()
        .into(PERSON_LINK_RECORDS_TABLE)
        .values(chunk)
        .orUpdate(['collection', 'org_unit_id', 'worker_ids', 'open', 'closed_on', 'updated_position'], ['record_id'])
        .execute();
    }
    const links = [...this.newLinks].flatMap(([recordId, persons]) =>
      [...persons].map((person_id) => ({ person_id, record_id: recordId })),
    );
    for (const chunk of chunks(links)) {
      await this.tx.createQueryBuilder().insert().into(PERSON_LINKS_TABLE).values(chunk).orIgnore().execute();
    }
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
