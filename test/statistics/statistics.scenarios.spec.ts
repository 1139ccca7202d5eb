/* The statistics rules one scenario at a time, on SQLite and PostgreSQL:
 * moved units keep their past, asOf sees what was known then, a replayed batch
 * counts nothing twice, 督办 counts orders not supervisions, the backlog is
 * bitemporal. */
import { statisticsProjection, type FigureQuery, type StatisticsQueries } from '@pls/statistics';
import { describeOn, STORE_KINDS } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';
import { at, justBefore, Log, tick } from './support/events';
import { openStatsEnv, type StatsEnv } from './support/stores';

const YEAR = { from: '2021-01-01', to: '2022-01-01' };

function ask(orgUnitId: string, more: Partial<FigureQuery> = {}): FigureQuery {
  return { orgUnitId, ...YEAR, asOf: null, successRate: 'reported', ...more };
}

async function accepted(queries: StatisticsQueries, q: FigureQuery): Promise<number> {
  return (await queries.summary(q)).mediation.accepted;
}

describe.each(STORE_KINDS)('statistics scenarios on %s', (kind) => {
  describeOn(kind)(kind, () => {
    let env: StatsEnv;
    let log: Log;
    const city = randomUUID();
    const otherCity = randomUUID();
    const east = randomUUID();
    const west = randomUUID();
    const village = randomUUID();

    beforeEach(async () => {
      env = await openStatsEnv(kind);
      log = new Log(env.store);
      await log.register(city, 'city', null);
      await log.register(otherCity, 'city', null);
      await log.register(east, 'township', city);
      await log.register(west, 'township', city);
      await log.register(village, 'village', east);
    });
    afterEach(async () => {
      await env?.close();
    });

    it("keeps a moved village's past with its old township, even when the past is entered after the move", async () => {
      const march = await log.accepted(village, '2021-03-10');
      await tick();
      const moved = await log.move(village, east, west, '2021-04-01');
      await tick();
      const backfilled = await log.accepted(village, '2021-03-20');
      const april = await log.accepted(village, '2021-04-05');
      await env.catchUp();

      expect(await accepted(env.queries, ask(east))).toBe(2);
      expect(await accepted(env.queries, ask(west))).toBe(1);
      expect(await accepted(env.queries, ask(city))).toBe(3);
      expect(await accepted(env.queries, ask(village))).toBe(3);
      const byUnit = await env.queries.breakdown({ ...ask(city), by: 'orgUnit' });
      expect(byUnit.groups.map((g) => [g.key, g.mediation.accepted])).toEqual(
        [
          [east, 2],
          [west, 1],
        ].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
      );
      const eastRecords = await env.queries.records({ ...ask(east), metric: 'mediation.accepted', page: 1, pageSize: 10 });
      expect(eastRecords.items.map((i) => i.recordId).sort()).toEqual([march, backfilled].sort());
      expect(
        (await env.queries.records({ ...ask(west), metric: 'mediation.accepted', page: 1, pageSize: 10 })).items.map((i) => i.recordId),
      ).toEqual([april]);

      // Before the move was recorded, the village was east's on every day.
      const before = justBefore(moved);
      expect(await accepted(env.queries, ask(east, { asOf: before }))).toBe(1);
      expect(await accepted(env.queries, ask(west, { asOf: before }))).toBe(0);
    });

    it('moves a township with its villages from its effective date, and a village moved back returns to its first township', async () => {
      await log.accepted(village, '2021-02-01');
      await log.move(east, city, otherCity, '2021-05-01');
      await log.accepted(village, '2021-05-10');
      await log.move(village, east, west, '2021-06-01');
      await log.move(village, west, east, '2021-07-01');
      await log.accepted(village, '2021-06-15');
      await log.accepted(village, '2021-07-15');
      await env.catchUp();

      expect(await accepted(env.queries, ask(city))).toBe(2); // Feb (under east, then city's) and June (under west)
      expect(await accepted(env.queries, ask(otherCity))).toBe(2); // May and July (east under the other city)
      expect(await accepted(env.queries, ask(east))).toBe(3);
      expect(await accepted(env.queries, ask(west))).toBe(1);
      const byUnit = await env.queries.breakdown({ ...ask(otherCity), by: 'orgUnit' });
      expect(byUnit.groups.map((g) => [g.key, g.mediation.accepted])).toEqual([[east, 2]]);
    });

    it('answers asOf with what was known then: later entries with earlier business dates are not seen', async () => {
      const first = await log.accepted(village, '2021-03-01');
      const agreement = await log.agreed(first, village, '2021-03-01', '2021-03-20', 50_000);
      const reportRun = at(agreement);
      await tick();
      const late = await log.accepted(village, '2021-02-10');
      const lateEnd = await log.terminated(late, village, '2021-02-10', '2021-02-28');
      await env.catchUp();

      const then = await env.queries.summary(ask(city, { asOf: reportRun }));
      expect(then.mediation).toMatchObject({ accepted: 1, succeeded: 1, terminated: 0, agreedAmountFen: 50_000 });
      const now = await env.queries.summary(ask(city));
      expect(now.mediation).toMatchObject({ accepted: 2, succeeded: 1, terminated: 1 });
      expect((await env.queries.summary(ask(city, { asOf: at(lateEnd) }))).mediation).toEqual(now.mediation);
      const february = { from: '2021-02-01', to: '2021-03-01' };
      expect((await env.queries.summary(ask(city, { ...february, asOf: reportRun }))).mediation.concluded).toBe(0);
      expect((await env.queries.summary(ask(city, february))).mediation.concluded).toBe(1);
      // Drill-down follows asOf too.
      expect(
        (await env.queries.records({ ...ask(city, { asOf: reportRun }), metric: 'mediation.accepted', page: 1, pageSize: 10 })).total,
      ).toBe(1);
    });

    it('counts a replayed batch once', async () => {
      const id = await log.accepted(village, '2021-03-01', { claimedAmountFen: 9_99 });
      await log.agreed(id, village, '2021-03-01', '2021-03-02');
      await env.catchUp();
      const once = await env.queries.summary(ask(city));
      const events = await env.store.readAll(0, 1000);
      await env.db.transaction((tx) => statisticsProjection.apply(events, tx));
      await env.db.transaction((tx) => statisticsProjection.apply(events.slice(3), tx));
      const twice = await env.queries.summary(ask(city));
      expect(twice).toEqual(once);
      expect((await env.queries.summary(ask(city), 'facts')).mediation).toEqual(once.mediation);
    });

    it('counts a work order supervised twice as one overdue order, in the month of its first supervision', async () => {
      const workOrderId = randomUUID();
      const base = { class: 'complaint' as const, category: '11', urgent: false, createdAt: '2021-01-20T10:00:00+08:00' };
      await log.workOrderEvent(workOrderId, {
        type: 'WorkOrderCreated',
        data: { ...base, orgUnitId: city, workOrderId, callId: randomUUID(), assignToOrgUnitId: east, createdOn: '2021-01-20' },
      });
      await log.workOrderEvent(workOrderId, {
        type: 'WorkOrderAssigned',
        data: { ...base, orgUnitId: east, at: base.createdAt, assignedOn: '2021-01-20', waitingSince: base.createdAt },
      });
      for (const on of ['2021-01-30', '2021-02-03']) {
        await log.workOrderEvent(workOrderId, {
          type: 'WorkOrderSupervised',
          data: { ...base, orgUnitId: east, reason: 'reply-overdue', status: 'assigned', at: `${on}T09:00:00+08:00`, supervisedOn: on },
        });
      }
      await env.catchUp();
      expect((await env.queries.summary(ask(city))).workOrder).toMatchObject({ created: 1, overdue: 1 });
      const byMonth = await env.queries.breakdown({ ...ask(city), by: 'month' });
      expect(byMonth.groups.map((g) => [g.key, g.workOrder.overdue])).toEqual([['2021-01', 1]]);
      expect((await env.queries.summary(ask(city, { from: '2021-02-01' }))).workOrder.overdue).toBe(1);
      const records = await env.queries.records({ ...ask(city), metric: 'workOrder.overdue', page: 1, pageSize: 10 });
      expect(records.items.map((i) => [i.recordId, i.businessDay])).toEqual([[workOrderId, '2021-01-30']]);
      expect((await env.queries.backlog({ orgUnitId: east, on: '2021-02-01', asOf: null })).open.workOrder).toBe(1);
      expect((await env.queries.backlog({ orgUnitId: west, on: '2021-02-01', asOf: null })).open.workOrder).toBe(0);
    });

    it('answers the backlog bitemporally: what was open on a day, as known at an instant', async () => {
      const id = await log.accepted(village, '2021-03-01');
      await tick();
      const agreement = await log.agreed(id, village, '2021-03-01', '2021-03-10');
      await env.catchUp();
      const open = (on: string, asOf: string | null) => env.queries.backlog({ orgUnitId: city, on, asOf }).then((b) => b.open.mediation);
      expect(await open('2021-02-28', null)).toBe(0);
      expect(await open('2021-03-05', null)).toBe(1);
      expect(await open('2021-03-10', null)).toBe(0);
      expect(await open('2021-03-12', justBefore(agreement))).toBe(1);
    });
  });
});
