import { ConfigError } from '@pls/config';
import { addYears, DEFAULT_RETENTION_YEARS, loadRetentionYears, retentionOf } from './retention';

describe('retention of the records naming a person', () => {
  it('runs from the last closing, N years on', () => {
    expect(
      retentionOf(
        [
          { open: false, closedOn: '2023-06-30' },
          { open: false, closedOn: '2024-02-29' },
        ],
        3,
      ),
    ).toEqual({ openRecords: false, retainUntil: '2027-02-28' });
  });

  it('holds while any record is open, and when none names the person there is none', () => {
    expect(
      retentionOf(
        [
          { open: true, closedOn: null },
          { open: false, closedOn: '2020-01-01' },
        ],
        3,
      ),
    ).toEqual({ openRecords: true, retainUntil: '2023-01-01' });
    expect(retentionOf([], 3)).toEqual({ openRecords: false, retainUntil: null });
  });

  it('adds years to a date, the last of the month when the day is missing', () => {
    expect(addYears('2025-03-01', 3)).toBe('2028-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-12-31', 0)).toBe('2025-12-31');
  });

  it('reads PLS_RETENTION_YEARS: 3 by default, whole years 0-100, a bad value in one line', () => {
    expect(DEFAULT_RETENTION_YEARS).toBe(3);
    expect(loadRetentionYears({})).toBe(3);
    expect(loadRetentionYears({ PLS_RETENTION_YEARS: ' 10 ' })).toBe(10);
    expect(loadRetentionYears({ PLS_RETENTION_YEARS: '0' })).toBe(0);
    for (const bad of ['-1', '1.5', 'three', '101']) expect(() => loadRetentionYears({ PLS_RETENTION_YEARS: bad })).toThrow(ConfigError);
  });
});
