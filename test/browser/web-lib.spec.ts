/* The web UI's pure helpers: money from integer fen, Shanghai dates, CSV and the hand-written XLSX. */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { addDays, addMonths, shanghaiDate, shanghaiInstant, wallTimeToInstant } from '../../apps/web/src/lib/dates';
import { crc32, toCsv, toXlsx, zipStore } from '../../apps/web/src/lib/export';
import { fenToWanYuan, fenToYuan, sumFen, yuanInputToFen } from '../../apps/web/src/lib/money';

describe('money', () => {
  it.each([
    [0, '0.00'],
    [4_999, '0.00'], // 0.004999 万元
    [5_000, '0.01'], // exactly half a hundredth: up
    [1_500_050, '1.50'],
    [74_800_000_00, '7,480.00'], // 7,480 万元 (74.8 million yuan)
    [90_300_000, '90.30'],
    [123_456_789, '123.46'],
    [1_000_000_000_000_000, '1,000,000,000.00'], // the API's largest amount
  ])('%i fen is %s 万元, two decimals rounded half up', (fen, shown) => expect(fenToWanYuan(fen)).toBe(shown));

  it('shows yuan exactly and sums beyond 2^53 without losing a fen', () => {
    expect(fenToYuan(123_456)).toBe('1,234.56');
    expect(fenToYuan(5, { group: false })).toBe('0.05');
    const total = sumFen([1_000_000_000_000_000, 1_000_000_000_000_000, 1_000_000_000_000_000, 1_000_000_000_000_000, 1_000_000_000_000_000, 1_000_000_000_000_000, 1_000_000_000_000_000, 1_000_000_000_000_000, 1_000_000_000_000_000, 1]);
    expect(total).toBe(9_000_000_000_000_001n);
    expect(fenToYuan(total)).toBe('90,000,000,000,000.01');
  });

  it('reads what a worker types in yuan into integer fen, or refuses it', () => {
    expect(yuanInputToFen('15000.50')).toBe(1_500_050);
    expect(yuanInputToFen('1,234.5')).toBe(123_450);
    expect(yuanInputToFen('0.07')).toBe(7);
    expect(yuanInputToFen('12')).toBe(1_200);
    for (const bad of ['', '1.234', '-5', 'abc', '1e3', '0.1.2']) expect(yuanInputToFen(bad)).toBeNull();
  });
});

describe('dates in Asia/Shanghai', () => {
  it('takes the Shanghai calendar day of an instant whatever the machine zone', () => {
    expect(shanghaiDate('2021-03-01T16:00:00Z')).toBe('2021-03-02');
    expect(shanghaiDate('2021-03-01T15:59:59Z')).toBe('2021-03-01');
    expect(shanghaiInstant(Date.parse('2021-03-01T01:30:00Z'))).toBe('2021-03-01T09:30:00+08:00');
    expect(wallTimeToInstant('2021-03-01T09:30')).toBe('2021-03-01T09:30:00+08:00');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addMonths('2021-01-01', -1)).toBe('2020-12-01');
  });
});

describe('export', () => {
  const sheet = { name: '纠纷类别', header: ['类别', '受理', '协议金额(万元)'], rows: [['02 邻里', 3, '1.50'], ['合计, "全部"', 3, '1.50']] };

  it('writes CSV with a BOM, CRLF and quoted cells', () => {
    expect(toCsv(sheet)).toBe('\ufeff类别,受理,协议金额(万元)\r\n02 邻里,3,1.50\r\n"合计, ""全部""",3,1.50\r\n');
  });

  it('computes the zip CRC-32 as zlib does', () => {
    for (const text of ['', 'a', '公共法律服务', 'x'.repeat(10_000)]) {
      const bytes = new TextEncoder().encode(text);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  it('writes an XLSX whose parts are all there, with numbers as numbers and text inline', () => {
    const bytes = Buffer.from(toXlsx(sheet));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const text = bytes.toString('utf8');
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) expect(text).toContain(part);
    expect(text).toContain('<c r="B2"><v>3</v></c><c r="C2"><v>1.5</v></c>');
    expect(text).toContain('<t xml:space="preserve">合计, &quot;全部&quot;</t>');
    expect(text).toContain('<sheet name="纠纷类别"');
  });

  it('zips deterministically: the same content gives the same bytes', () => {
    const files = [{ name: 'a.txt', data: new TextEncoder().encode('甲') }];
    expect(Buffer.from(zipStore(files)).equals(Buffer.from(zipStore(files)))).toBe(true);
  });
});
