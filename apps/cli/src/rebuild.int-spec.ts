/* Rebuilding real projections beside the live read model, then swapping, on
 * SQLite (one file for log and read model, as in embedded mode) and PostgreSQL. */
import type { Projection } from '@pls/read-model';
import { rebuildProjection, type RebuildOptions } from '@pls/read-model/rebuild';
import { PROJECTIONS, ProjectionSet, READ_MODEL_MIGRATIONS } from '@pls/runtime';
import { openStatisticsReader, StatisticsQueries, type Summary } from '@pls/statistics';
import { describeOn, STORE_KINDS } from '@test/support/api-harness';
import { UNITS } from '@test/statistics/support/history';
import {
  appendAll,
  buildIncrementally,
  checkpointOf,
  history,
  openRig,
  sleep,
  snapshot,
  toNew,
  waitUntil,
  type Rig,
} from './testing/rebuild-rig';

const byName = (name: string): Projection => PROJECTIONS.find((p) => p.name === name)!;
const REBUILT = ['org-tree', 'case-list', 'statistics'].map(byName);
const statistics = byName('statistics');

describe.each(STORE_KINDS)('rebuild on %s', (kind) => {
  describeOn(kind)('', () => {
    let rig: Rig;
    let before: string[];
    const rebuild = (projection: Projection, more: Partial<RebuildOptions> = {}) =>
      rebuildProjection({ store: rig.store, live: rig.db, projection, migrations: READ_MODEL_MIGRATIONS, batchSize: 300, ...more });

    beforeEach(async () => {
      rig = await openRig(kind);
      before = await rig.leftovers();
    });
    afterEach(async () => {
      // Every rebuild drops its temporary file or schema, whatever happened.
      expect((await rig.leftovers()).filter((l) => !before.includes(l))).toEqual([]);
      await rig.close();
    });

    it('rebuilds org-tree, case-list and statistics to rows identical to the incrementally built ones', async () => {
      const head = await appendAll(rig.store, history(40, 7));
      for (const projection of REBUILT) {
        // The live read model: built batch by batch, then damaged, so only a real rebuild gets it right again.
        await buildIncrementally(rig.store, rig.db, projection, 17);
        const incremental = await snapshot(rig.db, projection);
        expect(Object.values(incremental).every((rows) => rows.length > 0)).toBe(true);
        for (const table of projection.tables) await rig.db.query(`DELETE FROM "${table}"`);

        const result = await rebuild(projection);
        expect(result.position).toBe(head);
        expect(await checkpointOf(rig.db, projection.name)).toBe(head);
        expect(result.rows).toEqual(Object.fromEntries(Object.entries(incremental).map(([t, rows]) => [t, rows.length])));
        expect(await snapshot(rig.db, projection)).toEqual(incremental);
      }
      // And one reference built in a single pass agrees as well.
      const reference = await rig.openReference();
      await buildIncrementally(rig.store, reference, statistics, 5000);
      expect(await snapshot(rig.db, statistics)).toEqual(await snapshot(reference, statistics));
    }, 120_000);

    it('keeps answering queries while it builds and swaps: the old figures until the commit, the new ones after', async () => {
      await appendAll(rig.store, history(25, 11));
      await buildIncrementally(rig.store, rig.db, statistics, 500);
      const reader = await openStatisticsReader(rig.db);
      const queries = new StatisticsQueries(reader);
      const ask = () => queries.summary({ orgUnitId: UNITS.C1, from: '2021-01-01', to: '2021-12-31', asOf: null, successRate: 'reported' });
      try {
        const right = strip(await ask());
        // Damage the live buckets: answers before the swap show it, answers after must not.
        await rig.db.query(`UPDATE stat_daily SET fact_count = fact_count + 1000 WHERE metric = 'mediation.accepted'`);
        await rig.db.query(`UPDATE stat_rollup SET fact_count = fact_count + 1000 WHERE metric = 'mediation.accepted'`);
        const wrong = strip(await ask());
        expect(wrong).not.toEqual(right);

        const answers: Array<{ phase: string; figures: unknown }> = [];
        let phase = 'building';
        let stop = false;
        const asking = (async () => {
          while (!stop) {
            answers.push({ phase, figures: strip(await ask()) });
            await sleep(5);
          }
        })();
        const result = await rebuild(statistics, {
          hooks: {
            built: async () => {
              phase = 'swapping';
            },
            // Hold the swap transaction open (live tables locked, rows about to be replaced) while queries go on.
            beforeReplace: async () => void (await sleep(400)),
          },
        });
        phase = 'after';
        await sleep(50);
        stop = true;
        await asking;

        expect(result.position).toBeGreaterThan(0);
        const during = answers.filter((a) => a.phase === 'swapping');
        expect(during.length).toBeGreaterThan(5); // not blocked by the swap's locks
        for (const a of answers.filter((x) => x.phase !== 'after')) expect([wrong, right]).toContainEqual(a.figures);
        expect(answers.filter((a) => a.phase === 'building').every((a) => JSON.stringify(a.figures) === JSON.stringify(wrong))).toBe(true);
        expect(answers.filter((a) => a.phase === 'after').map((a) => a.figures)).toContainEqual(right);
        expect(strip(await ask())).toEqual(right);
      } finally {
        await reader.close();
      }
    }, 60_000);

    it('loses nothing while writers append and a lagging live runner runs: its next batch fails the guard and it resubscribes from the swapped checkpoint', async () => {
      const planned = history(60, 23);
      const first = planned.slice(0, Math.floor(planned.length / 3));
      const rest = planned.slice(first.length);
      await appendAll(rig.store, first);
      // Live runners that lag behind the writers until the rebuilds are done: at every swap the live
      // checkpoint is behind the rebuilt position, so the next live batch meets a moved checkpoint.
      let slow = true;
      const lagging = REBUILT.map((p): Projection => ({
        ...p,
        async apply(events, tx) {
          if (slow) await sleep(100);
          await p.apply(events, tx);
        },
      }));
      const logs: string[] = [];
      const live = new ProjectionSet(rig.store, rig.db, lagging, { log: (l) => logs.push(l), livenessMs: 1000, batchSize: 20 });
      await live.start();
      let writing = true;
      const writer = (async () => {
        for (const p of rest) {
          await rig.store.append(p.stream, [toNew(p)], 'any');
          await sleep(writing ? 1 : 0);
        }
      })();
      try {
        for (const projection of REBUILT) {
          const result = await rebuild(projection);
          expect(result.electionLock).toBe(kind === 'postgres' ? 'busy' : 'none');
          expect(result.position).toBeGreaterThanOrEqual(result.replaced);
        }
        slow = false;
        writing = false;
        await writer;
        const head = await rig.store.headPosition();
        // The watch, not the checkpoint row: org-tree stores checkpoints lazily after events it ignores.
        await waitUntil(
          `the live runners to reach the head ${head}`,
          async () => REBUILT.every((p) => live.runner(p.name).position >= head),
          20_000,
          async () =>
            REBUILT.map((p) => `${p.name} ${live.runner(p.name).status} at ${live.runner(p.name).position}`).join(', ') +
            `; ${logs.slice(-5).join(' | ')}`,
        );
        expect(logs.filter((l) => /is no longer at/.test(l)).length).toBeGreaterThan(0);
      } finally {
        slow = false;
        await writer.catch(() => undefined);
        await live.stop();
      }
      const reference = await rig.openReference();
      for (const projection of REBUILT) {
        await buildIncrementally(rig.store, reference, projection, 500);
        expect({ [projection.name]: await snapshot(rig.db, projection) }).toEqual({
          [projection.name]: await snapshot(reference, projection),
        });
      }
    }, 120_000);

    it('leaves the live rows as they were and drops the beside database when the rebuild fails', async () => {
      await appendAll(rig.store, history(10, 3));
      await buildIncrementally(rig.store, rig.db, statistics, 500);
      const live = await snapshot(rig.db, statistics);
      const failing: Projection = {
        ...statistics,
        bulk: undefined, // through apply, which fails
        async apply(events, tx) {
          if (events.some((e) => e.position > 100)) throw new Error('projection bug at 100');
          await statistics.apply(events, tx);
        },
      };
      await expect(rebuild(failing, { batchSize: 50 })).rejects.toThrow('projection bug at 100');
      expect(await snapshot(rig.db, statistics)).toEqual(live);
    }, 60_000);

    it('stops when aborted during the build (Ctrl-C in the CLI): beside database dropped, live rows unchanged', async () => {
      await appendAll(rig.store, history(10, 9));
      await buildIncrementally(rig.store, rig.db, statistics, 500);
      const live = await snapshot(rig.db, statistics);
      const controller = new AbortController();
      // The first progress draw (after the first batch) is the moment the operator presses Ctrl-C.
      const progress = { isTTY: true, write: () => controller.abort(new Error('interrupted')) };
      await expect(rebuild(statistics, { batchSize: 50, progress, signal: controller.signal })).rejects.toThrow('interrupted');
      expect(await snapshot(rig.db, statistics)).toEqual(live);
    }, 60_000);

    if (kind === 'postgres') {
      it('takes the election lock when no runner holds it, so none can start during the swap', async () => {
        await appendAll(rig.store, history(5, 5));
        const lockFree = async () => {
          const [row] = (await rig.db.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
            `${rig.schema}/projection:statistics`,
          ])) as Array<{
            locked: boolean;
          }>;
          if (row?.locked) await rig.db.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`${rig.schema}/projection:statistics`]);
          return row?.locked === true;
        };
        let freeDuringSwap: boolean | null = null;
        const result = await rebuild(statistics, { hooks: { beforeReplace: async () => void (freeDuringSwap = await lockFree()) } });
        expect(result.electionLock).toBe('taken');
        expect(freeDuringSwap).toBe(false);
        expect(await lockFree()).toBe(true);
        // A runner starting afterwards is elected and continues from the swapped checkpoint.
        const set = new ProjectionSet(rig.store, rig.db, [statistics]);
        await set.start();
        try {
          expect(set.runner('statistics').status).toBe('active');
          expect(set.runner('statistics').position).toBe(result.position);
        } finally {
          await set.stop();
        }
      }, 60_000);
    }
  });
});

/** The figures without the position (which the damage does not move). */
function strip(summary: Summary): unknown {
  const { position: _position, ...figures } = summary;
  return figures;
}
