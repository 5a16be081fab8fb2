import { describe, expect, it } from 'vitest';
import { addDays, calendarWeeks, checkRange, daysBetween, isDate, presetRange, today, weekday, yesterday } from './dates';

describe('daily dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isDate('2026-11-22')).toBe(true);
    expect(isDate(' 2026-02-28 ')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('22-11-2026')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('')).toBe(false);
  });

  it('moves across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(daysBetween('2026-12-02', '2026-11-29')).toEqual([]);
  });

  it('takes yesterday in the site zone, not the OS zone', () => {
    // 16.30 UTC: 23.30 WIB on the 22nd, 00.30 WITA on the 23rd
    const at = Date.UTC(2026, 10, 22, 16, 30);
    expect(today(at, 'Asia/Jakarta')).toBe('2026-11-22'); // 23.30 WIB
    expect(today(at, 'Asia/Makassar')).toBe('2026-11-23'); // 00.30 WITA
    expect(yesterday(at, 'Asia/Jakarta')).toBe('2026-11-21');
    expect(yesterday(at, 'WITA')).toBe('2026-11-22');
  });

  it('lays out weeks from Monday', () => {
    expect(weekday('2026-11-23')).toBe(0); // a Monday
    expect(weekday('2026-11-22')).toBe(6);
    const weeks = calendarWeeks('2026-11-22', '2026-11-24');
    expect(weeks).toEqual([
      [null, null, null, null, null, null, '2026-11-22'],
      ['2026-11-23', '2026-11-24', null, null, null, null, null],
    ]);
  });

  it('names periods that end today at the latest', () => {
    expect(presetRange('week', '2026-11-26')).toEqual({ from: '2026-11-23', to: '2026-11-26' });
    expect(presetRange('last7', '2026-11-26')).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(presetRange('month', '2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-11-26' });
    expect(presetRange('last_month', '2026-03-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last_month', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('last30', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('checks a period before sending it', () => {
    expect(checkRange('2026-11-01', '2026-11-30')).toBeNull();
    expect(checkRange('2026-11-31', '2026-11-30')).toBe('from_invalid');
    expect(checkRange('2026-11-01', 'besok')).toBe('to_invalid');
    expect(checkRange('2026-11-02', '2026-11-01')).toBe('reversed');
    expect(checkRange('2025-01-01', '2026-12-31')).toBeNull(); // 730 days
    expect(checkRange('2025-01-01', '2027-01-01')).toBeNull(); // 731 days
    expect(checkRange('2025-01-01', '2027-01-02')).toBe('too_long');
  });
});
