import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_CALENDAR_DIR, loadCalendar } from './calendar-files';
import { CalendarDataError, CalendarYearMissingError, endOfShanghaiDay, validateCalendarYear, WorkingCalendar, type CalendarYear } from './working-calendar';

const calendar = loadCalendar();

describe('the shipped calendar', () => {
  it('covers 2021 to 2026, each year naming the State Council notice it comes from', () => {
    expect(calendar.coveredYears).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    for (const year of calendar.coveredYears) expect(calendar.sourceOf(year)).toMatch(new RegExp(`国务院办公厅关于${year}年部分节假日安排的通知`));
    expect(calendar.sourceOf(2021)).toContain('国办发明电〔2020〕27号');
  });

  it('fails loudly, naming the year, when asked about a year without data', () => {
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarYearMissingError);
    expect(() => calendar.isWorkingDay('2020-06-01')).toThrow(/no working-day calendar for 2020/);
    // A limit that runs into a missing year fails too, rather than guessing.
    expect(() => calendar.workingDaysFrom('2026-12-30T10:00:00+08:00', 5)).toThrow(/2027/);
  });

  it.each([
    // 2021 (国办发明电〔2020〕27号): 春节 2月11日至17日; 2月7日(星期日)、2月20日(星期六)上班
    ['2021-02-05', true, 'an ordinary Friday'],
    ['2021-02-06', false, 'an ordinary Saturday'],
    ['2021-02-07', true, 'Sunday made a working day for the Spring Festival'],
    ['2021-02-11', false, 'New Year’s Eve, first day of the Spring Festival holiday'],
    ['2021-02-17', false, 'the holiday’s last day, a Wednesday'],
    ['2021-02-18', true, 'back at work on Thursday'],
    ['2021-02-20', true, 'Saturday made a working day'],
    ['2021-09-18', true, 'Saturday made a working day for the Mid-Autumn Festival'],
    ['2021-09-21', false, 'Mid-Autumn Festival'],
    ['2021-10-09', true, 'Saturday made a working day for National Day'],
    // 2022 (国办发明电〔2021〕11号): 1月29日(星期六)、1月30日(星期日)上班
    ['2022-01-29', true, 'Saturday before the 2022 Spring Festival'],
    ['2022-01-30', true, 'Sunday before the 2022 Spring Festival'],
    ['2022-10-08', true, 'Saturday after National Day 2022'],
    // 2023 (国办发明电〔2022〕16号): 元旦 from 2022-12-31; 6月25日(星期日)上班
    ['2022-12-31', false, 'a Saturday that is also the first day of 2023’s New Year holiday'],
    ['2023-01-02', false, 'Monday, New Year holiday 2023'],
    ['2023-06-25', true, 'Sunday made a working day for the Dragon Boat Festival'],
    // 2024 (国办发明电〔2023〕7号): 除夕 2月9日 is only encouraged off, not a holiday
    ['2024-02-09', true, 'New Year’s Eve 2024, a working day'],
    ['2024-02-18', true, 'Sunday made a working day'],
    // 2025 (国办发明电〔2024〕12号): 除夕 is a holiday from 2025 on; 4月27日(周日)上班
    ['2025-01-28', false, 'New Year’s Eve 2025'],
    ['2025-04-27', true, 'Sunday made a working day for Labour Day'],
    // 2026: 1月4日(周日)上班; 春节 2月15日至23日
    ['2026-01-04', true, 'Sunday made a working day for New Year'],
    ['2026-02-23', false, 'last day of the nine-day Spring Festival holiday'],
    ['2026-10-10', true, 'Saturday made a working day for National Day'],
  ])('%s is a working day: %s (%s)', (date, working) => expect(calendar.isWorkingDay(date)).toBe(working));
});

describe('counting working days', () => {
  it('counts from the day after, skipping the Spring Festival and counting the make-up Sunday', () => {
    // Fri 02-05 → Sun 02-07 (make-up) 1, Mon 2, Tue 3, Wed 02-10 4, holiday 02-11…17, Thu 02-18 5.
    expect(calendar.addWorkingDays('2021-02-05', 5)).toBe('2021-02-18');
    expect(calendar.addWorkingDays('2021-02-05', 1)).toBe('2021-02-07');
  });

  it('gives the day itself for 0 working days when it is one, else the next working day', () => {
    expect(calendar.addWorkingDays('2021-02-07', 0)).toBe('2021-02-07');
    expect(calendar.addWorkingDays('2021-02-13', 0)).toBe('2021-02-18');
  });

  it('ends a limit at 24:00 Asia/Shanghai of its last working day', () => {
    expect(calendar.workingDaysFrom('2021-02-05T10:00:00+08:00', 5)).toBe('2021-02-18T16:00:00.000Z');
    expect(endOfShanghaiDay('2021-02-18')).toBe('2021-02-18T16:00:00.000Z');
  });

  it('reads the day of an instant in Asia/Shanghai, not UTC', () => {
    // 2021-02-06T16:30Z is 00:30 on Sunday 02-07, a make-up working day.
    expect(calendar.nextWorkingDayEnd('2021-02-06T16:30:00Z')).toBe('2021-02-07T16:00:00.000Z');
    // 2021-02-06T15:30Z is still Saturday 02-06 in Shanghai: the next working day is that Sunday too.
    expect(calendar.nextWorkingDayEnd('2021-02-06T15:30:00Z')).toBe('2021-02-07T16:00:00.000Z');
    expect(calendar.nextWorkingDayEnd('2021-02-12T09:00:00+08:00')).toBe('2021-02-18T16:00:00.000Z');
  });

  it('adds urgent hours on the clock, holiday or not', () =>
    expect(calendar.addWorkingHours('2021-02-12T23:30:00+08:00', 1)).toBe('2021-02-12T16:30:00.000Z'));

  it('crosses into the next year when its data is there', () => expect(calendar.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04'));

  it('refuses nonsense', () => {
    expect(() => calendar.addWorkingDays('2021-02-05', -1)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2021-02-30')).toThrow(RangeError);
    expect(() => calendar.nextWorkingDayEnd('2021-02-05')).toThrow(RangeError);
  });
});

describe('calendar data', () => {
  const year2021 = (): CalendarYear => JSON.parse(readFileSync(join(BUILT_IN_CALENDAR_DIR, '2021.json'), 'utf8'));

  it('refuses a make-up working day that is not a weekend day', () =>
    expect(() => validateCalendarYear({ ...year2021(), makeUpWorkdays: [{ date: '2021-02-08', for: '春节' }] }, '2021.json')).toThrow(
      /2021-02-08 is not a Saturday or Sunday/,
    ));

  it('refuses a file that holds another year, a date that is none, or no source', () => {
    expect(() => validateCalendarYear(year2021(), '2022.json', 2022)).toThrow(CalendarDataError);
    expect(() => validateCalendarYear({ ...year2021(), holidays: [{ name: '春节', from: '2021-02-11', to: '2021-02-30' }] }, 'x')).toThrow(CalendarDataError);
    expect(() => validateCalendarYear({ ...year2021(), source: '' }, 'x')).toThrow(/source/);
  });

  it('takes a year an administrator adds to the directory without a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pls-calendar-'));
    try {
      writeFileSync(join(dir, '2021.json'), JSON.stringify(year2021()));
      const local = loadCalendar(dir);
      expect(() => local.isWorkingDay('2022-01-04')).toThrow(CalendarYearMissingError);
      writeFileSync(join(dir, '2022.json'), readFileSync(join(BUILT_IN_CALENDAR_DIR, '2022.json')));
      expect(local.isWorkingDay('2022-01-29')).toBe(true);
      expect(local.coveredYears).toEqual([2021, 2022]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails at load on a broken file, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pls-calendar-'));
    try {
      writeFileSync(join(dir, '2021.json'), '{ "year": 2021, ');
      expect(() => loadCalendar(dir)).toThrow(/2021\.json.*JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does without any file for an in-memory calendar', () => expect(() => new WorkingCalendar([]).isWorkingDay('2021-01-04')).toThrow(CalendarYearMissingError));
});
