import { describeOn, STORE_KINDS } from '@test/support/api-harness';
import type { DataSource } from 'typeorm';
import type { CaseRow } from './case-list.row';
import {
  assigneesOf,
  CaseListLog,
  consultation,
  hotlineCall,
  id,
  lecture,
  mediation,
  openCaseListReadModel,
  org,
  rowsOf,
  workOrder,
  type CaseListReadModel,
} from './testing/case-list-harness';

const CITY = id();
const TOWN_A = id();
const TOWN_B = id();
const VILLAGE = id();
const MEDIATOR = id();
const OTHER_MEDIATOR = id();

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('case-list projection', () => {
    let model: CaseListReadModel;
    let db: DataSource;
    let log: CaseListLog;

    beforeEach(async () => {
      model = await openCaseListReadModel(kind);
      db = model.db;
      log = new CaseListLog(db);
      await log.append('orgunit', CITY, org.registered(CITY, 'city', null));
      await log.append('orgunit', TOWN_A, org.registered(TOWN_A, 'township', CITY));
      await log.append('orgunit', TOWN_B, org.registered(TOWN_B, 'township', CITY));
      await log.append('orgunit', VILLAGE, org.registered(VILLAGE, 'village', TOWN_A));
    });
    afterEach(() => model.close());

    const row = async (recordId: string): Promise<CaseRow | undefined> => {
      await log.catchUp();
      return (await rowsOf(db)).get(recordId);
    };

    it('follows a mediation from registration to filing, and keeps it once concluded', async () => {
      const m = id();
      const e = mediation(m, VILLAGE);
      let position = await log.append('mediation', m, e.registered());
      expect(await row(m)).toEqual({
        record_id: m,
        record_type: 'mediation',
        unit_id: VILLAGE,
        unit_path: `/${CITY}/${TOWN_A}/${VILLAGE}/`,
        status: 'registered',
        assignee_ids: null,
        category: '02',
        kind: 'people',
        opened_on: '2021-03-01',
        due_on: null,
        concluded_on: null,
        open: 1,
        supervised: 0,
        updated_position: position,
      });

      await log.append('mediation', m, e.accepted([MEDIATOR]));
      expect(await row(m)).toEqual(expect.objectContaining({ status: 'accepted', due_on: '2021-04-01', assignee_ids: JSON.stringify([MEDIATOR]), open: 1 }));
      expect(await assigneesOf(db)).toEqual([[m, MEDIATOR]]);

      await log.append('mediation', m, e.session(), e.overdue('2021-04-01', '2021-04-02'), e.extended('2021-04-01', '2021-04-30'), e.reassigned([MEDIATOR], [OTHER_MEDIATOR, MEDIATOR]));
      expect(await row(m)).toEqual(expect.objectContaining({ status: 'in-session', due_on: '2021-04-30', open: 1, supervised: 1 }));
      expect(JSON.parse((await row(m))!.assignee_ids!)).toEqual([OTHER_MEDIATOR, MEDIATOR]);
      expect(await assigneesOf(db)).toEqual([[m, MEDIATOR], [m, OTHER_MEDIATOR]].sort((a, b) => a[1]!.localeCompare(b[1]!)));

      await log.append('mediation', m, e.agreed('2021-04-10', '2021-04-30'));
      expect(await row(m)).toEqual(expect.objectContaining({ status: 'agreed', open: 0, concluded_on: '2021-04-10', due_on: '2021-04-30' }));

      await log.append('mediation', m, e.confirmationApplied('2021-04-12', '2021-04-10'), e.performance('2021-04-15'));
      expect(await row(m)).toEqual(expect.objectContaining({ status: 'performing', open: 0, concluded_on: '2021-04-10' }));

      position = await log.append('mediation', m, e.closed('2021-04-20', '2021-04-10'));
      expect(await row(m)).toEqual(expect.objectContaining({ status: 'closed', open: 0, concluded_on: '2021-04-10', updated_position: position }));
    });

    it('concludes rejected and terminated mediations on their business dates', async () => {
      const [rejected, terminated] = [id(), id()];
      await log.append('mediation', rejected, mediation(rejected, VILLAGE).registered(), mediation(rejected, VILLAGE).rejected('2021-03-03'));
      const t = mediation(terminated, TOWN_B);
      await log.append('mediation', terminated, t.registered(), t.accepted([MEDIATOR]), t.terminated('2021-03-25'));
      await log.catchUp();
      const rows = await rowsOf(db);
      expect(rows.get(rejected)).toEqual(expect.objectContaining({ status: 'rejected', open: 0, concluded_on: '2021-03-03', due_on: null, assignee_ids: null }));
      expect(rows.get(terminated)).toEqual(expect.objectContaining({ status: 'terminated', open: 0, concluded_on: '2021-03-25', due_on: '2021-04-01' }));
    });

    it('moves a work order between the hotline unit and the units it is assigned to, counting supervisions', async () => {
      const w = id();
      const e = workOrder(w, CITY);
      await log.append('workorder', w, e.created(VILLAGE));
      expect(await row(w)).toEqual(
        expect.objectContaining({ record_type: 'work-order', unit_id: CITY, unit_path: `/${CITY}/`, status: 'created', kind: 'complaint', category: '11', opened_on: '2021-03-01', due_on: null, open: 1 }),
      );
      await log.append('workorder', w, e.assigned(VILLAGE), e.acknowledged(VILLAGE), e.supervised(VILLAGE), e.extended(VILLAGE), e.supervised(VILLAGE));
      expect(await row(w)).toEqual(expect.objectContaining({ unit_id: VILLAGE, unit_path: `/${CITY}/${TOWN_A}/${VILLAGE}/`, status: 'acknowledged', supervised: 2, assignee_ids: null }));
      await log.append('workorder', w, e.returned(VILLAGE));
      expect(await row(w)).toEqual(expect.objectContaining({ unit_id: CITY, status: 'returned', open: 1 }));
      await log.append('workorder', w, e.assigned(TOWN_B), e.replied(TOWN_B), e.visited(TOWN_B, 'unsatisfied'), e.reopened(TOWN_B));
      expect(await row(w)).toEqual(expect.objectContaining({ unit_id: CITY, status: 'reopened', open: 1, supervised: 2 }));
      await log.append('workorder', w, e.assigned(TOWN_B), e.replied(TOWN_B, '2021-03-15'), e.visited(TOWN_B, 'satisfied', '2021-03-16'));
      expect(await row(w)).toEqual(expect.objectContaining({ unit_id: TOWN_B, status: 'visited', open: 1, concluded_on: null }));
      await log.append('workorder', w, e.closed(TOWN_B, '2021-03-20'));
      expect(await row(w)).toEqual(expect.objectContaining({ unit_id: TOWN_B, status: 'closed', open: 0, concluded_on: '2021-03-20' }));
    });

    it('closes consultations when answered or referred', async () => {
      const [answered, referred, waiting] = [id(), id(), id()];
      const a = consultation(answered, TOWN_A, '10', '2021-03-01');
      const r = consultation(referred, TOWN_A, '01', '2021-03-02');
      await log.append('consultation', answered, a.opened(), a.answered('2021-03-01'));
      await log.append('consultation', referred, r.opened(), r.referred('2021-03-04'));
      await log.append('consultation', waiting, consultation(waiting, VILLAGE).opened());
      await log.catchUp();
      const rows = await rowsOf(db);
      expect(rows.get(answered)).toEqual(expect.objectContaining({ record_type: 'consultation', status: 'answered', kind: 'visit', category: '10', open: 0, concluded_on: '2021-03-01' }));
      expect(rows.get(referred)).toEqual(expect.objectContaining({ status: 'referred', category: '01', open: 0, opened_on: '2021-03-02', concluded_on: '2021-03-04' }));
      expect(rows.get(waiting)).toEqual(expect.objectContaining({ status: 'opened', open: 1, concluded_on: null, due_on: null }));
    });

    it('lists missed calls awaiting a callback, due the same day, until a callback reaches the caller', async () => {
      const [answered, missed, voicemail] = [id(), id(), id()];
      await log.append('hotlinecall', answered, hotlineCall(answered, CITY).logged('answered'), hotlineCall(answered, CITY).closed('2021-03-01T22:20:00+08:00'));
      const m = hotlineCall(missed, CITY, '2021-03-01T23:50:00+08:00');
      await log.append('hotlinecall', missed, m.logged('missed', '11'));
      await log.append('hotlinecall', voicemail, hotlineCall(voicemail, CITY).logged('voicemail'));
      expect(await row(missed)).toEqual(
        expect.objectContaining({ record_type: 'hotline-call', status: 'missed', kind: 'consultation', category: '11', opened_on: '2021-03-01', due_on: '2021-03-01', open: 1 }),
      );
      expect((await rowsOf(db)).has(answered)).toBe(false);
      expect((await rowsOf(db)).get(voicemail)).toEqual(expect.objectContaining({ status: 'voicemail', open: 1 }));

      await log.append('hotlinecall', missed, m.callback('2021-03-02T00:20:00+08:00', false), m.overdue('2021-03-02T00:00:00+08:00', '2021-03-02T00:30:00+08:00'));
      expect(await row(missed)).toEqual(expect.objectContaining({ status: 'callback-attempted', open: 1, concluded_on: null, supervised: 1 }));
      // 16:30 UTC is past midnight in Shanghai: the callback concludes the call on the 3rd.
      await log.append('hotlinecall', missed, m.callback('2021-03-02T16:30:00Z', true));
      expect(await row(missed)).toEqual(expect.objectContaining({ status: 'reached', open: 0, concluded_on: '2021-03-03', due_on: '2021-03-01' }));
    });

    it('lists planned lectures, due on their planned day, and keeps them once held or cancelled', async () => {
      const [held, cancelled, planned] = [id(), id(), id()];
      await log.append('lecture', held, lecture(held, VILLAGE, '2021-05-20').planned(), lecture(held, VILLAGE).held('2021-05-21', 55));
      await log.append('lecture', cancelled, lecture(cancelled, VILLAGE, '2021-06-01').planned(), lecture(cancelled, VILLAGE, '2021-06-01').cancelled());
      await log.append('lecture', planned, lecture(planned, TOWN_B, '2021-07-01').planned());
      await log.catchUp();
      const rows = await rowsOf(db);
      expect(rows.get(held)).toEqual(expect.objectContaining({ record_type: 'lecture', status: 'held', open: 0, opened_on: '2021-05-20', due_on: '2021-05-20', concluded_on: '2021-05-21', kind: null, category: null }));
      expect(rows.get(cancelled)).toEqual(expect.objectContaining({ status: 'cancelled', open: 0, concluded_on: null }));
      expect(rows.get(planned)).toEqual(expect.objectContaining({ status: 'planned', open: 1, due_on: '2021-07-01', unit_path: `/${CITY}/${TOWN_B}/` }));
    });

    it('keeps personal data out of the rows: no party, caller or topic', async () => {
      const [m, c, k, l] = [id(), id(), id(), id()];
      await log.append('mediation', m, mediation(m, VILLAGE).registered(), mediation(m, VILLAGE).accepted([MEDIATOR]));
      await log.append('hotlinecall', c, hotlineCall(c, CITY).logged('missed'));
      await log.append('consultation', k, consultation(k, VILLAGE).opened());
      await log.append('lecture', l, lecture(l, VILLAGE).planned());
      await log.catchUp();
      const all = JSON.stringify([...(await rowsOf(db)).values()]);
      for (const personal of ['a0000000-0000-4000-8000-00000000000', '民法典']) expect(all).not.toContain(personal);
    });

    it("moves a village's records with it: the tree as it stands now", async () => {
      const [m, w, other] = [id(), id(), id()];
      const otherVillage = id();
      await log.append('orgunit', otherVillage, org.registered(otherVillage, 'village', TOWN_A));
      await log.append('mediation', m, mediation(m, VILLAGE).registered());
      await log.append('workorder', w, workOrder(w, CITY).created(VILLAGE), workOrder(w, CITY).assigned(VILLAGE));
      await log.append('mediation', other, mediation(other, otherVillage).registered());
      await log.catchUp();

      await log.append('orgunit', VILLAGE, org.renamed(VILLAGE), org.moved(VILLAGE, TOWN_A, TOWN_B));
      const moved = `/${CITY}/${TOWN_B}/${VILLAGE}/`;
      expect(await row(m)).toEqual(expect.objectContaining({ unit_id: VILLAGE, unit_path: moved }));
      expect(await row(w)).toEqual(expect.objectContaining({ unit_id: VILLAGE, unit_path: moved }));
      expect(await row(other)).toEqual(expect.objectContaining({ unit_path: `/${CITY}/${TOWN_A}/${otherVillage}/` }));

      // Records registered after the move get the new path too.
      const later = id();
      await log.append('consultation', later, consultation(later, VILLAGE).opened());
      expect(await row(later)).toEqual(expect.objectContaining({ unit_path: moved }));
    });

    it('gives the same rows whatever the batch size (a rebuild is the same list)', async () => {
      const [m, w, c, k, l, m2] = [id(), id(), id(), id(), id(), id()];
      const e = mediation(m, VILLAGE);
      await log.append('mediation', m, e.registered(), e.accepted([MEDIATOR]));
      await log.append('workorder', w, workOrder(w, CITY).created(VILLAGE), workOrder(w, CITY).assigned(VILLAGE), workOrder(w, CITY).supervised(VILLAGE));
      await log.append('orgunit', VILLAGE, org.moved(VILLAGE, TOWN_A, TOWN_B));
      await log.append('mediation', m, e.session(), e.reassigned([MEDIATOR], [OTHER_MEDIATOR]), e.terminated('2021-03-25'));
      await log.append('hotlinecall', c, hotlineCall(c, VILLAGE).logged('missed'), hotlineCall(c, VILLAGE).callback('2021-03-02T10:00:00+08:00', true));
      await log.append('consultation', k, consultation(k, VILLAGE).opened());
      await log.append('lecture', l, lecture(l, VILLAGE).planned());
      await log.append('orgunit', VILLAGE, org.moved(VILLAGE, TOWN_B, TOWN_A));
      await log.append('mediation', m2, mediation(m2, VILLAGE).registered());
      await log.catchUp();
      const whole = { rows: await rowsOf(db), assignees: await assigneesOf(db) };
      expect(whole.rows.get(m)).toEqual(expect.objectContaining({ unit_path: `/${CITY}/${TOWN_A}/${VILLAGE}/`, assignee_ids: JSON.stringify([OTHER_MEDIATOR]) }));
      expect(whole.rows.get(m2)).toEqual(expect.objectContaining({ unit_path: `/${CITY}/${TOWN_A}/${VILLAGE}/` }));

      const again = await openCaseListReadModel(kind);
      try {
        const oneByOne = new CaseListLog(again.db, 1);
        for (const e of await log.store.readAll(0, 1000)) await oneByOne.store.append(e.stream, [{ id: e.id, type: e.type, data: e.data }], 'any');
        await oneByOne.catchUp();
        expect({ rows: await rowsOf(again.db), assignees: await assigneesOf(again.db) }).toEqual(whole);
      } finally {
        await again.close();
      }
    });
  });
});
