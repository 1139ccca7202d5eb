/* The referral reaction (a process manager on the checkpointed subscription)
 * over real stores, on SQLite and PostgreSQL: a consultation referred to
 * mediation registers the mediation at the target unit exactly once — when
 * the reaction is replayed from an earlier checkpoint, when the process dies
 * between the append and the checkpoint, and when two runners overlap. */
import { streamName } from '@pls/event-sourcing';
import { MEDIATION_STREAM } from '@pls/mediation';
import { referralCommandId, referralRegistersMediation, REFERRAL_REACTION } from '@pls/jobs';
import { Checkpoints, ProjectionRunner, reactionCheckpoint, reactionProjection, type Projection } from '@pls/read-model';
import { describeWithPostgres } from '@test/support/services';
import { randomUUID } from 'node:crypto';
import { reactionCommands } from '../../apps/api/src/jobs/reactions';
import { startJobsHarness, type JobsHarness, type StoreKind } from './support/jobs-harness';

const describeOn = (kind: StoreKind) => (kind === 'postgres' ? describeWithPostgres : describe);
const CHECKPOINT = reactionCheckpoint(REFERRAL_REACTION);

describe.each<StoreKind>(['sqlite', 'postgres'])('the referral reaction on %s', (kind) => {
  describeOn(kind)('', () => {
    let h: JobsHarness;
    let unit: string;
    let village: string;
    const logged: string[] = [];
    const parties = [
      { personId: randomUUID(), role: 'applicant' },
      { personId: randomUUID(), role: 'respondent' },
    ];

    beforeEach(async () => {
      h = await startJobsHarness(kind);
      unit = await h.orgUnit();
      village = (await h.post('org-units', null, undefined, { name: `村调委会 ${randomUUID().slice(0, 6)}`, level: 'township', parentId: unit })).id;
      logged.length = 0;
    });
    afterEach(async () => h.close());

    const reaction = () => reactionProjection(referralRegistersMediation(h.store, reactionCommands(h.executor), (line) => logged.push(line)));
    const runnerOf = async (projection: Projection = reaction()) => {
      await new Checkpoints(h.db).read(projection.name);
      return new ProjectionRunner(h.store, h.db, projection);
    };
    const checkpoint = () => new Checkpoints(h.db).read(CHECKPOINT);
    const registrations = async (mediationId: string) => h.count(streamName(MEDIATION_STREAM, mediationId), 'MediationRegistered');

    /** A consultation received on 2021-03-01 (Shanghai) and referred to mediation at the village; the refer answer's mediation id. */
    async function refer(): Promise<{ consultationId: string; mediationId: string }> {
      const { id: consultationId } = await h.post(
        'consultations',
        null,
        undefined,
        { orgUnitId: unit, channel: 'visit', receivedAt: '2021-03-01T10:00:00+08:00', personsServed: 1, category: '03' },
        '2021-03-01T10:00:00+08:00',
      );
      const referred = await h.post('consultations', 'refer', consultationId, { target: 'mediation', targetOrgUnitId: village, kind: 'people', parties });
      return { consultationId, mediationId: referred.extra['mediationId'] as string };
    }

    it('registers the mediation the referral named, at the target unit, from the event: source referral, the category, the received date, a link back', async () => {
      const { consultationId, mediationId } = await refer();
      expect(await registrations(mediationId)).toBe(0);
      await (await runnerOf()).catchUp();
      const [registered] = await h.events(streamName(MEDIATION_STREAM, mediationId));
      expect(registered).toMatchObject({
        type: 'MediationRegistered',
        data: {
          mediationId,
          orgUnitId: village,
          kind: 'people',
          source: 'referral',
          category: '03',
          registeredOn: '2021-03-01',
          referredFrom: { collection: 'consultations', id: consultationId },
        },
      });
      const [, referral] = await h.events(streamName('consultation', consultationId));
      expect(registered!.metadata['commandId']).toBe(referralCommandId(referral!));
      // The checkpoint passed the referral only after the registration was appended.
      expect(registered!.position).toBeGreaterThan(referral!.position);
      expect(await checkpoint()).toBeGreaterThanOrEqual(referral!.position);
    });

    it('registers once when replayed from an earlier checkpoint', async () => {
      const { mediationId } = await refer();
      await (await runnerOf()).catchUp();
      const head = await h.store.headPosition();
      // A rebuilt or restored read model: the reaction's checkpoint back at 0.
      await h.db.createQueryBuilder().update('projection_checkpoints').set({ position: 0 }).where('name = :name', { name: CHECKPOINT }).execute();
      await (await runnerOf()).catchUp();
      expect(await registrations(mediationId)).toBe(1);
      expect(await h.store.headPosition()).toBe(head);
      expect(await checkpoint()).toBe(head);
    });

    it('registers once when the process dies between the append and the checkpoint', async () => {
      const { mediationId } = await refer();
      const before = await checkpoint();
      // The checkpoint's transaction fails after the reaction appended: as if the process died there.
      const crashing: Projection = {
        ...reaction(),
        async apply() {
          throw new Error('killed before the checkpoint committed');
        },
      };
      await expect((await runnerOf(crashing)).catchUp()).rejects.toThrow('killed');
      expect(await registrations(mediationId)).toBe(1);
      expect(await checkpoint()).toBe(before);
      const head = await h.store.headPosition();

      // The restarted runner gets the referral again, finds the mediation registered, and moves on.
      await (await runnerOf()).catchUp();
      expect(await registrations(mediationId)).toBe(1);
      expect(await h.store.headPosition()).toBe(head);
      expect(await checkpoint()).toBe(head);
    });

    it('registers once when two runners react to the same referrals at once', async () => {
      const referrals = [await refer(), await refer(), await refer()];
      const [a, b] = [await runnerOf(), await runnerOf()];
      await Promise.allSettled([a.catchUp(), b.catchUp()]);
      // Whichever lost the checkpoint race catches up from where the winner left it.
      await (await runnerOf()).catchUp();
      for (const { mediationId } of referrals) expect(await registrations(mediationId)).toBe(1);
      expect(await checkpoint()).toBe(await h.store.headPosition());
    });

    it('leaves the checkpoint where it was when the append fails for the system, and registers on the retry', async () => {
      const { mediationId } = await refer();
      let failures = 1;
      const flaky = reactionProjection(
        referralRegistersMediation(h.store, {
          async execute(command) {
            if (failures-- > 0) throw new Error('connection reset');
            return reactionCommands(h.executor).execute(command);
          },
        }),
      );
      const before = await checkpoint();
      await expect((await runnerOf(flaky)).catchUp()).rejects.toThrow('connection reset');
      expect(await checkpoint()).toBe(before);
      expect(await registrations(mediationId)).toBe(0);
      await (await runnerOf(flaky)).catchUp();
      expect(await registrations(mediationId)).toBe(1);
    });

    it('moves on past a registration the target unit now refuses (closed since the referral), saying so', async () => {
      const { mediationId } = await refer();
      await h.post('org-units', 'close', village, {});
      await (await runnerOf()).catchUp();
      expect(await registrations(mediationId)).toBe(0);
      expect(await checkpoint()).toBe(await h.store.headPosition());
      expect(logged.join('\n')).toContain(mediationId);
    });

    it('reacts to nothing but referrals to mediation', async () => {
      const { id: consultationId } = await h.post('consultations', null, undefined, {
        orgUnitId: unit,
        channel: 'phone',
        receivedAt: '2021-03-01T10:00:00+08:00',
        personsServed: 1,
        category: '03',
      }, '2021-03-01T10:00:00+08:00');
      const head = await h.store.headPosition();
      await h.post('consultations', 'refer', consultationId, { target: 'legal-aid', targetOrgUnitId: village });
      await (await runnerOf()).catchUp();
      expect(await h.store.headPosition()).toBe(head + 1);
    });
  });
});
