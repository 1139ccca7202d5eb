import type { Random } from './random';

/**
 * Invented personal data for the vault: names in the 张某某 style that case
 * files use for anonymised parties (a surname, 某, and sometimes one more
 * character), and phone numbers of a valid format. No real person's data.
 */
// prettier-ignore
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 7.1], ['李', 7.0], ['张', 6.8], ['刘', 5.4], ['陈', 4.5], ['杨', 3.1], ['黄', 2.2], ['赵', 2.1], ['吴', 2.0], ['周', 1.9],
  ['徐', 1.5], ['孙', 1.4], ['马', 1.3], ['朱', 1.3], ['胡', 1.2], ['郭', 1.2], ['何', 1.1], ['高', 1.0], ['林', 1.0], ['罗', 0.9],
  ['郑', 0.9], ['梁', 0.8], ['谢', 0.7], ['宋', 0.7], ['唐', 0.6], ['许', 0.6], ['韩', 0.6], ['冯', 0.6], ['邓', 0.5], ['曹', 0.5],
  ['彭', 0.5], ['曾', 0.5], ['肖', 0.5], ['田', 0.5], ['董', 0.5], ['袁', 0.4], ['潘', 0.4], ['于', 0.4], ['蒋', 0.4], ['蔡', 0.4],
  ['余', 0.4], ['杜', 0.4], ['叶', 0.4], ['程', 0.4], ['苏', 0.3], ['魏', 0.3], ['吕', 0.3], ['丁', 0.3], ['任', 0.3], ['沈', 0.3],
];
const GIVEN = '军华明英芳敏强伟丽平刚红霞燕杰涛斌超秀兰桂梅玲峰勇辉洁静娟磊鹏宇婷建国文林海云凤春兵成亮琴';
// prettier-ignore
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '177', '180', '181', '183', '186', '187', '188', '189', '191', '199'];
const AREA_CODES = ['0935', '0936', '0937', '0938'];

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly phone?: string;
}

export function inventName(random: Random): string {
  const surname = random.weighted(SURNAMES);
  return random.chance(0.15) ? `${surname}某某` : `${surname}某${GIVEN[random.int(0, GIVEN.length - 1)]}`;
}

/** Mostly a mobile number (1[3-9]x xxxx xxxx), sometimes a landline with area code, sometimes none. */
export function inventPhone(random: Random): string | undefined {
  const r = random.float();
  if (r < 0.08) return undefined;
  if (r < 0.15) return `${random.pick(AREA_CODES)}-${random.int(2, 8)}${digits(random, 6)}`;
  return `${random.pick(MOBILE_PREFIXES)}${digits(random, 8)}`;
}

function digits(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(random.int(0, 9));
  return out;
}
