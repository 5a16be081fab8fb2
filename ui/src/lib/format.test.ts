import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  MONTHS_ID,
  parseNumber,
  siteDay,
  siteZone,
} from './format';

describe('formatDate', () => {
  it('formats calendar dates as 22 Nov 2026', () => {
    expect(formatDate('2026-11-22')).toBe('22 Nov 2026');
    expect(formatDate('2026-01-05')).toBe('5 Jan 2026');
  });

  it('uses the Indonesian month abbreviations', () => {
    const months = Array.from({ length: 12 }, (_, i) => formatDate(`2026-${String(i + 1).padStart(2, '0')}-01`));
    expect(months.map((d) => d.split(' ')[1])).toEqual([...MONTHS_ID]);
    expect(MONTHS_ID).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des']);
  });

  it('moves instants into the site zone before taking the day', () => {
    // 2026-11-22 17:30 UTC is already the 23rd in WIB (+7), WITA (+8) and WIT (+9).
    const instant = Date.UTC(2026, 10, 22, 17, 30);
    expect(formatDate(instant, 'Asia/Jakarta')).toBe('23 Nov 2026');
    // 16:30 UTC: 23:30 WIB (22nd), 00:30 WITA (23rd).
    const late = Date.UTC(2026, 10, 22, 16, 30);
    expect(formatDate(late, 'Asia/Jakarta')).toBe('22 Nov 2026');
    expect(formatDate(late, 'Asia/Makassar')).toBe('23 Nov 2026');
    expect(formatDate(new Date(late), 'WIT')).toBe('23 Nov 2026');
  });

  it('accepts ISO timestamps and rejects garbage', () => {
    expect(formatDate('2026-11-22T01:00:00Z', 'Asia/Jayapura')).toBe('22 Nov 2026');
    expect(formatDate('not a date')).toBe('–');
    expect(formatDate('2026-13-01')).toBe('2026-13-01');
  });
});

describe('formatTime', () => {
  const instant = Date.UTC(2026, 10, 22, 7, 5, 9);

  it('shows the site zone suffix with fixed offsets', () => {
    expect(formatTime(instant, 'Asia/Jakarta')).toBe('14.05 WIB');
    expect(formatTime(instant, 'Asia/Makassar')).toBe('15.05 WITA');
    expect(formatTime(instant, 'Asia/Jayapura')).toBe('16.05 WIT');
    expect(formatTime(instant, 'Asia/Jayapura', { seconds: true })).toBe('16.05.09 WIT');
  });

  it('defaults to WIB', () => {
    expect(formatTime(instant)).toBe('14.05 WIB');
    expect(formatTime(instant, 'Europe/Berlin')).toBe('14.05 WIB');
  });

  it('formats date and time together', () => {
    expect(formatDateTime(instant, 'WITA')).toBe('22 Nov 2026 15.05 WITA');
    expect(formatDateTime(Number.NaN, 'WITA')).toBe('–');
  });
});

describe('siteDay and siteZone', () => {
  it('gives the local calendar day of the site', () => {
    const instant = Date.UTC(2026, 11, 31, 16, 0);
    expect(siteDay(instant, 'Asia/Jakarta')).toBe('2026-12-31');
    expect(siteDay(instant, 'Asia/Makassar')).toBe('2027-01-01');
  });

  it('maps names and abbreviations', () => {
    expect(siteZone('asia/makassar').abbr).toBe('WITA');
    expect(siteZone('WIT').iana).toBe('Asia/Jayapura');
    expect(siteZone(undefined).abbr).toBe('WIB');
  });
});

describe('formatNumber', () => {
  it('uses dot thousands and comma decimals', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(0.25)).toBe('0,25');
    expect(formatNumber(-9876.54)).toBe('-9.876,54');
    expect(formatNumber(999)).toBe('999');
  });

  it('rounds and pads fractions on request', () => {
    expect(formatNumber(2.345678, { maxFraction: 1 })).toBe('2,3');
    expect(formatNumber(12, { minFraction: 2 })).toBe('12,00');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('–');
  });

  it('parses what it prints', () => {
    for (const n of [0, 7, 1234.5, 1234567.25, -42.5]) {
      expect(parseNumber(formatNumber(n))).toBe(n);
    }
    expect(parseNumber('1234,5')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
  });
});
