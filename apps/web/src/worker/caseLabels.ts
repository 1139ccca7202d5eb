import type { CaseItem } from '../api/queries';
import { daysBetween, shanghaiDate } from '../lib/dates';

type Label = (kind: string, code: string | null | undefined) => string;
type T = (key: string, vars?: Record<string, string | number | null | undefined>) => string;

/** 调解 · 邻里 · 人民调解 — what a case card says first. */
export function caseTitle(item: CaseItem, t: T, label: Label): string {
  const type = t(`recordType.${item.collection ?? item.recordType}`);
  const kindKind: Record<string, string> = { mediations: 'kind', consultations: 'channel', 'hotline-calls': 'callClass', 'work-orders': 'callClass' };
  const parts = [type];
  if (item.category) parts.push(label('category', item.category));
  if (item.kind && item.collection && kindKind[item.collection]) parts.push(label(kindKind[item.collection]!, item.kind));
  return parts.join(' · ');
}

/** Days until due (negative when overdue), null without a due date. */
export function daysLeft(item: CaseItem, today = shanghaiDate()): number | null {
  return item.dueOn ? daysBetween(today, item.dueOn) : null;
}
