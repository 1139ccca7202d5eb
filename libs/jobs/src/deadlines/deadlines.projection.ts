import type { RecordedEvent } from '@pls/event-store';
import type { Projection } from '@pls/read-model';
import type { EntityManager } from 'typeorm';
import type { Deadline } from './deadline';
import { deadlineSubjectOf, RecordDeadlines, type DeadlineRules } from './deadline-rules';
import { deadlinesQuery, toRow } from './deadlines.query';

export const DEADLINES_PROJECTION = 'deadlines';

/** Rows per multi-row INSERT: 13 columns × 60 stays under SQLite's 999 bound parameters. */
const INSERT_CHUNK = 60;

/**
 * `deadlines`: the rules applied to the log. Per batch it loads the rows of
 * the records the batch touches, applies the events in order, and writes only
 * the rows that changed (one multi-row insert for the new ones), all inside
 * the runner's transaction with the checkpoint.
 */
export function deadlinesProjection(rulesOrFactory: DeadlineRules | (() => DeadlineRules)): Projection {
  const rulesOf = typeof rulesOrFactory === 'function' ? rulesOrFactory : () => rulesOrFactory;
  return {
    name: DEADLINES_PROJECTION,
    tables: ['deadlines'],
    async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const relevant: Array<{ event: RecordedEvent; key: string }> = [];
      const subjects = new Map<string, { recordType: RecordDeadlines['recordType']; recordId: string }>();
      for (const event of events) {
        const subject = deadlineSubjectOf(event);
        if (!subject) continue;
        const key = `${subject.recordType}:${subject.recordId}`;
        subjects.set(key, subject);
        relevant.push({ event, key });
      }
      if (relevant.length === 0) return;

      const existing = await deadlinesQuery.ofRecords(tx, [...new Set([...subjects.values()].map((s) => s.recordId))]);
      const stored = new Set(existing.map((d) => d.deadlineId));
      const books = new Map<string, RecordDeadlines>();
      for (const [key, subject] of subjects) {
        books.set(
          key,
          new RecordDeadlines(
            subject.recordType,
            subject.recordId,
            existing.filter((d) => d.recordId === subject.recordId && d.recordType === subject.recordType),
          ),
        );
      }
      const rules = rulesOf();
      for (const { event, key } of relevant) rules.apply(books.get(key)!, event);

      const inserts: Deadline[] = [];
      const updates: Deadline[] = [];
      for (const book of books.values()) {
        for (const id of book.changed) {
          const row = book.find(id)!;
          (stored.has(id) ? updates : inserts).push(row);
        }
      }
      for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
        await tx.createQueryBuilder().insert().into('deadlines').values(inserts.slice(i, i + INSERT_CHUNK).map(toRow)).execute();
      }
      for (const row of updates) {
        await tx
          .createQueryBuilder()
          .update('deadlines')
          .set({ status: row.status, closed_at: row.closedAt, updated_position: row.updatedPosition })
          .where('deadline_id = :id', { id: row.deadlineId })
          .execute();
      }
    },
  };
}
