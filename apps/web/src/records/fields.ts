/** Labels and display of a record's state fields (GET /api/v1/<collection>/{id}). */
import { formatDuration, formatInstant } from '../lib/dates';
import { fenToYuan } from '../lib/money';

type T = (key: string, vars?: Record<string, string | number | null | undefined>) => string;
export interface FieldContext {
  readonly t: T;
  readonly label: (kind: string, code: string | null | undefined) => string;
  readonly unit: (id: string | null | undefined) => string;
  /** The record's collection, where a status word depends on it (a consultation is 已解答, a call 已接通). */
  readonly collection?: string;
}

const UNIT_KEYS = new Set(['orgUnitId', 'hotlineOrgUnitId', 'handedOverTo', 'assignToOrgUnitId', 'targetOrgUnitId', 'unitId', 'parentId', 'fromOrgUnitId']);
const CODE_KINDS: Record<string, string> = {
  category: 'category',
  status: 'status',
  kind: 'kind',
  source: 'source',
  class: 'callClass',
  outcome: 'outcome',
  channel: 'channel',
  satisfaction: 'satisfaction',
  performance: 'performance',
  agreementForm: 'agreementForm',
  terminationReason: 'terminationReason',
  rejectionReason: 'rejectionReason',
  replyResult: 'replyResult',
  level: 'level',
  target: 'referralTarget',
  referralTarget: 'referralTarget',
  reason: 'reason',
};

/** Fields a person reads first, in this order; the rest follow as the API sends them. */
export const LEADING_FIELDS = [
  'status',
  'orgUnitId',
  'kind',
  'source',
  'class',
  'outcome',
  'channel',
  'category',
  'topic',
  'registeredOn',
  'acceptedOn',
  'dueOn',
  'concludedOn',
  'claimedAmountFen',
  'agreedAmountFen',
  'offeredAt',
  'answeredAt',
  'endedAt',
];

/** Not worth a row of their own (shown elsewhere on the page or internal). */
export const HIDDEN_FIELDS = new Set(['id', 'version', 'parties', 'callbacks', 'assignments', 'returns', 'replies', 'visits', 'reopenings', 'supervisions', 'performanceRecords', 'sessions']);

export function stateFieldLabel(key: string, t: T): string {
  const found = t(`field.${key}`);
  return found === `field.${key}` ? key : found;
}

export function formatValue(key: string, value: unknown, ctx: FieldContext): string {
  const { t, label, unit } = ctx;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (key.endsWith('Fen') && typeof value === 'number') return `${fenToYuan(value)} ${t('unit.yuan')}`;
  if (key.endsWith('Seconds') && typeof value === 'number') return formatDuration(value);
  if (UNIT_KEYS.has(key) && typeof value === 'string') return unit(value);
  if (key === 'status' && typeof value === 'string') return label(`status:${ctx.collection ?? ''}`, value);
  if (CODE_KINDS[key] && typeof value === 'string') return label(CODE_KINDS[key]!, value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value, true);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (key === 'mediatorIds') return t('common.people', { n: value.length });
    if (value.every((v) => typeof v === 'string')) return value.join('、');
    return t('common.items', { n: value.length });
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (key === 'sessions' && typeof o['count'] === 'number') return t('common.times', { n: o['count'] as number });
    if (key === 'referredFrom') return `${label('collection', String(o['collection']))} ${String(o['id']).slice(0, 8)}`;
    if (key === 'judicialConfirmation') return [o['appliedOn'], o['result'] ? label('confirmationResult', String(o['result'])) : t('common.pending')].filter(Boolean).join(' · ');
    return Object.entries(o)
      .filter(([, v]) => v != null)
      .map(([k, v]) => `${stateFieldLabel(k, t)}: ${formatValue(k, v, ctx)}`)
      .join('；');
  }
  return String(value);
}
