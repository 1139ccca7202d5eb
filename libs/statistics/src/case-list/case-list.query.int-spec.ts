import { describeOn, STORE_KINDS } from '@test/support/api-harness';
import type { DataSource } from 'typeorm';
import { UnknownCaseListUnitError } from './case-list.errors';
import { caseList, type CaseListFilter } from './case-list.query';
import { CaseListLog, consultation, hotlineCall, id, lecture, mediation, openCaseListReadModel, org, workOrder, type CaseListReadModel } from './testing/case-list-harness';

const TODAY = '2021-04-01';
const [CITY, TOWN_A, TOWN_B, V1, V2, V3] = [id(), id(), id(), id(), id(), id()];
const [M, M2] = [id(), id()];
/** Named records: `m1` is overdue in V1, `m4` overdue in the other township, `m5` concluded… (see `beforeAll`). */
const R = { m1: id(), m2: id(), m3: id(), m4: id(), m5: id(), c1: id(), k1: id(), l1: id(), w1: id() };
const NAME = new Map(Object.entries(R).map(([name, recordId]) => [recordId, name]));

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('case-list query', () => {
    let model: CaseListReadModel;
    let db: DataSource;
    let log: CaseListLog;

    beforeAll(async () => {
      model = await openCaseListReadModel(kind);
      db = model.db;
      log = new CaseListLog(db);
      await log.append('orgunit', CITY, org.registered(CITY, 'city', null));
      await log.append('orgunit', TOWN_A, org.registered(TOWN_A, 'township', CITY));
      await log.append('orgunit', TOWN_B, org.registered(TOWN_B, 'township', CITY));
      await log.append('orgunit', V1, org.registered(V1, 'village', TOWN_A));
      await log.append('orgunit', V2, org.registered(V2, 'village', TOWN_A));
      await log.append('orgunit', V3, org.registered(V3, 'village', TOWN_B));

      const m1 = mediation(R.m1, V1);
      await log.append('mediation', R.m1, m1.registered({ registeredOn: '2021-03-02' }), m1.accepted([M], '2021-03-02', '2021-03-10'));
      const m2 = mediation(R.m2, V1, '01');
      await log.append('mediation', R.m2, m2.registered({ registeredOn: '2021-03-03' }), m2.accepted([M2], '2021-03-03', '2021-05-01'));
      await log.append('mediation', R.m3, mediation(R.m3, V2).registered({ registeredOn: '2021-02-01' }));
      const m4 = mediation(R.m4, V3);
      await log.append('mediation', R.m4, m4.registered({ registeredOn: '2021-02-05' }), m4.accepted([M], '2021-02-05', '2021-03-05'));
      const m5 = mediation(R.m5, V1);
      await log.append('mediation', R.m5, m5.registered({ registeredOn: '2021-01-10' }), m5.accepted([M], '2021-01-10', '2021-03-01'), m5.agreed('2021-03-20', '2021-03-01'));
      await log.append('hotlinecall', R.c1, hotlineCall(R.c1, CITY, '2021-03-15T21:00:00+08:00').logged('missed'));
      await log.append('consultation', R.k1, consultation(R.k1, TOWN_A, '10', '2021-03-20').opened());
      await log.append('lecture', R.l1, lecture(R.l1, V2, '2021-04-10').planned());
      await log.append('workorder', R.w1, workOrder(R.w1, CITY).created(V1), workOrder(R.w1, CITY).assigned(V1));
      await log.catchUp();
    });
    afterAll(() => model.close());

    const list = async (filter: Partial<CaseListFilter>) => {
      const page = await caseList(db, { orgUnitId: CITY, today: TODAY, ...filter });
      return { ...page, names: page.items.map((i) => NAME.get(i.recordId)) };
    };

    it("lists a township's open cases, overdue first, then by due date, then the oldest opened", async () => {
      const page = await list({ orgUnitId: TOWN_A });
      expect(page.names).toEqual(['m1', 'l1', 'm2', 'm3', 'w1', 'k1']);
      expect(page).toEqual(expect.objectContaining({ total: 6, page: 1, pageSize: 50 }));
      expect(page.items[0]).toEqual({
        recordType: 'mediation',
        recordId: R.m1,
        unitId: V1,
        status: 'accepted',
        assigneeIds: [M],
        category: '02',
        kind: 'people',
        openedOn: '2021-03-02',
        dueOn: '2021-03-10',
        overdue: true,
        concludedOn: null,
        open: true,
        supervised: 0,
      });
      expect(page.items.filter((i) => i.overdue).map((i) => NAME.get(i.recordId))).toEqual(['m1']);
    });

    it('lists the whole city, and a village alone', async () => {
      expect((await list({ orgUnitId: CITY })).names).toEqual(['m4', 'm1', 'c1', 'l1', 'm2', 'm3', 'w1', 'k1']);
      expect((await list({ orgUnitId: V1 })).names).toEqual(['m1', 'm2', 'w1']);
      expect((await list({ orgUnitId: V3 })).names).toEqual(['m4']);
    });

    it('computes overdue against the given today', async () => {
      const early = await caseList(db, { orgUnitId: CITY, today: '2021-03-06' });
      expect(early.items.filter((i) => i.overdue).map((i) => NAME.get(i.recordId))).toEqual(['m4']);
    });

    it('lists concluded cases with open=false, and both with open=null', async () => {
      const closed = await list({ orgUnitId: V1, open: false });
      expect(closed.names).toEqual(['m5']);
      // Past its due date, but concluded: never overdue.
      expect(closed.items[0]).toEqual(expect.objectContaining({ status: 'agreed', open: false, overdue: false, concludedOn: '2021-03-20' }));
      expect((await list({ orgUnitId: V1, open: null })).names).toEqual(['m1', 'm5', 'm2', 'w1']);
    });

    it('filters by record type, status, assignee and category', async () => {
      expect((await list({ recordTypes: ['mediation'] })).names).toEqual(['m4', 'm1', 'm2', 'm3']);
      expect((await list({ recordTypes: ['hotline-call', 'lecture'] })).names).toEqual(['c1', 'l1']);
      expect((await list({ statuses: ['accepted'] })).names).toEqual(['m4', 'm1', 'm2']);
      expect((await list({ statuses: ['registered', 'missed'] })).names).toEqual(['c1', 'm3']);
      expect((await list({ assigneeId: M })).names).toEqual(['m4', 'm1']);
      expect((await list({ assigneeId: M, open: null })).names).toEqual(['m4', 'm1', 'm5']);
      expect((await list({ assigneeId: M, orgUnitId: TOWN_A })).names).toEqual(['m1']);
      expect((await list({ assigneeId: id() })).names).toEqual([]);
      expect((await list({ category: '01' })).names).toEqual(['m2']);
      expect((await list({ category: '02', recordTypes: ['mediation'], statuses: ['registered'] })).names).toEqual(['m3']);
    });

    it('lists open cases due before a date (overdueOn)', async () => {
      expect((await list({ overdueOn: '2021-03-12' })).names).toEqual(['m4', 'm1']);
      expect((await list({ overdueOn: '2021-04-30' })).names).toEqual(['m4', 'm1', 'c1', 'l1']);
      expect((await list({ overdueOn: '2021-03-12', open: null })).names).toEqual(['m4', 'm1']);
    });

    it('sorts by opened (newest first), due (earliest first) and updated (latest change first)', async () => {
      expect((await list({ orgUnitId: TOWN_A, sort: 'opened' })).names).toEqual(['l1', 'k1', 'm2', 'm1', 'w1', 'm3']);
      expect((await list({ orgUnitId: TOWN_A, sort: 'due' })).names).toEqual(['m1', 'l1', 'm2', 'm3', 'w1', 'k1']);
      expect((await list({ orgUnitId: TOWN_A, sort: 'updated' })).names).toEqual(['w1', 'l1', 'k1', 'm3', 'm2', 'm1']);
    });

    it('pages without gaps or overlaps, and caps the page size at 200', async () => {
      const all = (await list({})).names;
      const pages = await Promise.all([1, 2, 3, 4].map((page) => list({ page, pageSize: 3 })));
      expect(pages.map((p) => p.names)).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6, 8), []]);
      expect(pages.map((p) => [p.total, p.page, p.pageSize])).toEqual([
        [8, 1, 3],
        [8, 2, 3],
        [8, 3, 3],
        [8, 4, 3],
      ]);
      expect((await list({ pageSize: 1000 })).pageSize).toBe(200);
    });

    it('refuses a unit it does not know', async () => {
      await expect(caseList(db, { orgUnitId: id(), today: TODAY })).rejects.toBeInstanceOf(UnknownCaseListUnitError);
    });

    // Last: it moves V1 for good. Unlike the statistics, the case list follows the tree as it stands now.
    it("moves a village's cases to its new township", async () => {
      await log.append('orgunit', V1, org.moved(V1, TOWN_A, TOWN_B));
      await log.catchUp();
      expect((await list({ orgUnitId: TOWN_A })).names).toEqual(['l1', 'm3', 'k1']);
      expect((await list({ orgUnitId: TOWN_B })).names).toEqual(['m4', 'm1', 'm2', 'w1']);
      expect((await list({ orgUnitId: V1 })).names).toEqual(['m1', 'm2', 'w1']);
      expect((await list({ orgUnitId: CITY })).total).toBe(8);
    });
  });
});
