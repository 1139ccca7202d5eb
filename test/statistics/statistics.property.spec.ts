/* Property: for random valid histories (a small tree with moves, records of
 * every type entered in random order), every figure of the summary and of
 * every breakdown — any unit, period, success-rate definition and asOf — is
 * what an independent fold of the raw events says; both read paths (daily
 * buckets, facts) agree; breakdown groups sum to the summary; every figure's
 * drill-down lists exactly the records behind it; the backlog matches too. */
import { RECORD_METRIC_NAMES, RECORD_METRICS, type BreakdownQuery, type FigureQuery, type Summary } from '@pls/statistics';
import { addDays } from '@pls/reference';
import { describeOn, STORE_KINDS } from '@test/support/api-harness';
import fc from 'fast-check';
import { foldBacklog, foldFigures, type By } from './support/fold';
import { ALL_UNITS, appendHistory, buildHistory, day, historyArb, SPAN_DAYS } from './support/history';
import { openStatsEnv } from './support/stores';

const RUNS = { sqlite: 25, postgres: 10 } as const;
const BYS: readonly By[] = ['category', 'orgUnit', 'kind', 'source', 'month'];

const questionArb = fc.record({
  unit: fc.constantFrom(...ALL_UNITS),
  from: fc.integer({ min: -5, max: SPAN_DAYS + 5 }),
  length: fc.integer({ min: 1, max: 70 }),
  asOf: fc.oneof(
    fc.constant({ at: 'now' as const }),
    fc.record({ at: fc.constant('event' as const), index: fc.nat(), minus: fc.boolean() }),
    fc.constant({ at: 'before' as const }),
  ),
  successRate: fc.constantFrom('reported', 'concluded', 'cohort') as fc.Arbitrary<'reported' | 'concluded' | 'cohort'>,
  by: fc.option(fc.constantFrom(...BYS), { nil: null }),
  backlogDay: fc.integer({ min: -2, max: SPAN_DAYS + 40 }),
});

function figures(s: Summary) {
  const { orgUnitId: _u, from: _f, to: _t, asOf: _a, position: _p, ...areas } = s;
  return areas;
}

describe.each(STORE_KINDS)('statistics properties on %s', (kind) => {
  describeOn(kind)(kind, () => {
    it('every figure equals an independent fold of the raw events', async () => {
      await fc.assert(
        fc.asyncProperty(
          historyArb,
          fc.array(questionArb, { minLength: 3, maxLength: 6 }),
          fc.integer({ min: 1, max: 60 }),
          async (plan, questions, batchSize) => {
            const env = await openStatsEnv(kind);
            try {
              const events = await appendHistory(env.store, buildHistory(plan));
              const head = await env.catchUp(batchSize);
              expect(head).toBe(events[events.length - 1]!.position);

              for (const [i, question] of questions.entries()) {
                const from = day(question.from);
                const to = addDays(from, question.length);
                let asOf: string | null = null;
                if (question.asOf.at === 'before') asOf = '2000-01-01T00:00:00.000Z';
                if (question.asOf.at === 'event') {
                  const at = Date.parse(events[question.asOf.index % events.length]!.recordedAt) - (question.asOf.minus ? 1 : 0);
                  asOf = new Date(at).toISOString();
                }
                const q: FigureQuery = { orgUnitId: question.unit, from, to, asOf, successRate: question.successRate };
                const context = JSON.stringify(q);

                const summary = await env.queries.summary(q);
                expect(summary.position).toBe(head);
                const expected = foldFigures(events, q, null).get(null)!;
                expect({ context, figures: figures(summary) }).toEqual({ context, figures: expected });
                // The other read path gives the same numbers.
                const other = await env.queries.summary(q, asOf === null ? 'facts' : 'auto');
                expect(figures(other)).toEqual(figures(summary));
                if (asOf === null)
                  expect(figures(await env.queries.summary({ ...q, asOf: '9999-01-01T00:00:00.000Z' }, 'facts'))).toEqual(figures(summary));

                const by = question.by ?? BYS[i % BYS.length]!;
                const b: BreakdownQuery = { ...q, by };
                const breakdown = await env.queries.breakdown(b);
                const wanted = [...foldFigures(events, q, by)].sort(([a], [c]) =>
                  a === c ? 0 : a === null ? 1 : c === null ? -1 : a < c ? -1 : 1,
                );
                expect({ context, by, groups: breakdown.groups }).toEqual({
                  context,
                  by,
                  groups: wanted.map(([key, areas]) => ({ key, ...areas })),
                });
                if (asOf === null) expect((await env.queries.breakdown(b, 'facts')).groups).toEqual(breakdown.groups);
                expectGroupsSum(breakdown.groups, summary);

                if (i === 0) await expectDrillDown(env.queries, q, summary);

                const on = day(question.backlogDay);
                const backlog = await env.queries.backlog({ orgUnitId: question.unit, on, asOf });
                expect({ context, on, open: backlog.open }).toEqual({ context, on, open: foldBacklog(events, question.unit, on, asOf) });
              }
            } finally {
              await env.close();
            }
          },
        ),
        { numRuns: RUNS[kind] },
      );
    }, 600_000);
  });
});

/** Counts and amounts of the groups add up to the summary's, field by field. */
function expectGroupsSum(groups: ReadonlyArray<Record<string, any>>, summary: Summary): void {
  for (const area of ['mediation', 'consultation', 'hotline', 'workOrder', 'lecture'] as const) {
    for (const [field, value] of Object.entries(summary[area] as Record<string, unknown>)) {
      if (typeof value === 'number') {
        expect({ area, field, sum: groups.reduce((n, g) => n + (g[area][field] as number), 0) }).toEqual({ area, field, sum: value });
      } else {
        const rate = value as { numerator: number; denominator: number };
        const numerator = groups.reduce((n, g) => n + g[area][field].numerator, 0);
        const denominator = groups.reduce((n, g) => n + g[area][field].denominator, 0);
        expect({ area, field, numerator, denominator }).toEqual({ area, field, numerator: rate.numerator, denominator: rate.denominator });
      }
    }
  }
}

/** Every figure's records: as many as the figure (a rate: its numerator), or summing to it (amounts, persons). */
async function expectDrillDown(queries: import('@pls/statistics').StatisticsQueries, q: FigureQuery, summary: Summary): Promise<void> {
  for (const metric of RECORD_METRIC_NAMES) {
    const [area, field] = metric.split('.') as [keyof Summary, string];
    const figure = (summary[area] as Record<string, any>)[field];
    const page = await queries.records({ ...q, metric, page: 1, pageSize: 500 });
    const of = (RECORD_METRICS[metric] as { of?: string }).of;
    const got = of === 'amount' ? page.sumAmountFen : of === 'persons' ? page.sumCount : page.total;
    const want = typeof figure === 'object' ? figure.numerator : figure;
    expect({ metric, got }).toEqual({ metric, got: want });
    expect(page.items).toHaveLength(Math.min(page.total, 500));
  }
}
