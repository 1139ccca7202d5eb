/**
 * The 15 dispute categories of published monthly mediation reports (DOMAIN.md).
 * The codes are ours, not official; sub-codes (`0401`) roll up to their
 * two-digit parent, so the list can grow without breaking the totals.
 */
export const DISPUTE_CATEGORIES = [
  { code: '01', zh: '婚姻家庭', en: 'Marriage & family' },
  { code: '02', zh: '邻里', en: 'Neighbours' },
  { code: '03', zh: '房屋宅基地', en: 'Housing & homestead' },
  { code: '04', zh: '合同', en: 'Contract' },
  { code: '05', zh: '生产经营', en: 'Production & business' },
  { code: '06', zh: '损害赔偿', en: 'Damages' },
  { code: '07', zh: '山林土地', en: 'Forest & land' },
  { code: '08', zh: '征地拆迁', en: 'Land acquisition & demolition' },
  { code: '09', zh: '环境污染', en: 'Pollution' },
  { code: '10', zh: '劳动争议', en: 'Labour' },
  { code: '11', zh: '消费', en: 'Consumer' },
  { code: '12', zh: '医疗', en: 'Medical' },
  { code: '13', zh: '道路交通事故', en: 'Road traffic' },
  { code: '14', zh: '物业', en: 'Property management' },
  { code: '99', zh: '其他', en: 'Other' },
] as const;

export type CategoryCode = string;

const CODES = new Set<string>(DISPUTE_CATEGORIES.map((c) => c.code));

export function isCategory(code: unknown): code is CategoryCode {
  return typeof code === 'string' && CODES.has(code);
}

/** The reported (two-digit) category a code rolls up to. */
export function reportCategory(code: string): string {
  return code.slice(0, 2);
}

export const CATEGORY_CODES: readonly string[] = DISPUTE_CATEGORIES.map((c) => c.code);
