/** The dashboard's figures: where each sits in the summary, how it is shown, what lists the records behind it. */
import type { Areas, Rate, SuccessRateDefinition } from '../api/queries';
import { fenToWanYuan } from '../lib/money';

export type FigureKind = 'count' | 'rate' | 'amount';

export interface Figure {
  /** Path in the summary, also the `metric` of /stats/records. */
  readonly metric: string;
  readonly kind: FigureKind;
  /** i18n key of the unit (件, 人次, 场次, 万元). */
  readonly unitKey?: string;
  /** Rates: what to list for the numerator (the rate's own path lists it) and the denominator. */
  readonly parts?: (def: SuccessRateDefinition) => { numerator: string; denominator: string };
}

export interface Area {
  readonly key: keyof Areas;
  readonly figures: readonly Figure[];
}

export const AREAS: readonly Area[] = [
  {
    key: 'mediation',
    figures: [
      { metric: 'mediation.accepted', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'mediation.concluded', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'mediation.succeeded', kind: 'count', unitKey: 'unit.cases' },
      {
        metric: 'mediation.successRate',
        kind: 'rate',
        parts: (def) => ({ numerator: 'mediation.successRate', denominator: def === 'concluded' ? 'mediation.concluded' : 'mediation.accepted' }),
      },
      { metric: 'mediation.onTimeRate', kind: 'rate', parts: () => ({ numerator: 'mediation.onTimeRate', denominator: 'mediation.concluded' }) },
      { metric: 'mediation.claimedAmountFen', kind: 'amount', unitKey: 'unit.wanYuan' },
      { metric: 'mediation.agreedAmountFen', kind: 'amount', unitKey: 'unit.wanYuan' },
      { metric: 'mediation.personTimes', kind: 'count', unitKey: 'unit.personTimes' },
      { metric: 'mediation.terminated', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'mediation.rejected', kind: 'count', unitKey: 'unit.cases' },
    ],
  },
  {
    key: 'consultation',
    figures: [
      { metric: 'consultation.count', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'consultation.personsServed', kind: 'count', unitKey: 'unit.personTimes' },
      { metric: 'consultation.referred', kind: 'count', unitKey: 'unit.cases' },
    ],
  },
  {
    key: 'hotline',
    figures: [
      { metric: 'hotline.offered', kind: 'count', unitKey: 'unit.calls' },
      { metric: 'hotline.answered', kind: 'count', unitKey: 'unit.calls' },
      { metric: 'hotline.answerRate', kind: 'rate', parts: () => ({ numerator: 'hotline.answerRate', denominator: 'hotline.offered' }) },
      { metric: 'hotline.answeredWithin15s', kind: 'count', unitKey: 'unit.calls' },
      { metric: 'hotline.missed', kind: 'count', unitKey: 'unit.calls' },
      { metric: 'hotline.callbacksReached', kind: 'count', unitKey: 'unit.calls' },
    ],
  },
  {
    key: 'workOrder',
    figures: [
      { metric: 'workOrder.created', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'workOrder.replied', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'workOrder.visited', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'workOrder.satisfied', kind: 'count', unitKey: 'unit.cases' },
      { metric: 'workOrder.overdue', kind: 'count', unitKey: 'unit.cases' },
    ],
  },
  {
    key: 'lecture',
    figures: [
      { metric: 'lecture.held', kind: 'count', unitKey: 'unit.sessions' },
      { metric: 'lecture.attendees', kind: 'count', unitKey: 'unit.personTimes' },
    ],
  },
];

export function pick(areas: Partial<Areas> | undefined, metric: string): unknown {
  let v: any = areas;
  for (const p of metric.split('.')) v = v?.[p];
  return v;
}

export function isRate(v: unknown): v is Rate {
  return !!v && typeof v === 'object' && 'numerator' in (v as object) && 'denominator' in (v as object);
}

/** 41/42 → "97.62" (percent, two decimals, from the integers). */
export function percent(rate: Rate | null | undefined): string | null {
  if (!rate || !rate.denominator) return null;
  const scaled = Math.round((rate.numerator * 10000) / rate.denominator); // integers up to 2^53 / 10^4 are exact
  return `${Math.floor(scaled / 100)}.${String(scaled % 100).padStart(2, '0')}`;
}

export function formatFigure(f: Figure, v: unknown): string {
  if (f.kind === 'rate') return isRate(v) ? (percent(v) ?? '—') : '—';
  if (typeof v !== 'number') return '—';
  if (f.kind === 'amount') return fenToWanYuan(v);
  return v.toLocaleString('en-US');
}
