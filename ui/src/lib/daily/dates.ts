// Calendar days of the daily screens: plain `YYYY-MM-DD` strings in the site's zone (never the
// OS zone). Pure functions, unit-tested.
import { siteDay, type Instant } from '../format';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDate(text: string): boolean {
  const m = DAY.exec(text.trim());
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toUtc(date: string): Date {
  const m = DAY.exec(date) as RegExpExecArray;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `date` moved by `n` days. */
export function addDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** Today at the site. */
export function today(now: Instant, tz?: string | null): string {
  return siteDay(now, tz);
}

/** Yesterday at the site: the day a supervisor reviews by default. */
export function yesterday(now: Instant, tz?: string | null): string {
  return addDays(siteDay(now, tz), -1);
}

/** Days from `from` to `to` inclusive (empty when from > to). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 1000; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Monday = 0 … Sunday = 6. */
export function weekday(date: string): number {
  return (toUtc(date).getUTCDay() + 6) % 7;
}

/** Weeks (Monday first) covering `from`..`to`; cells outside the range are null. */
export function calendarWeeks(from: string, to: string): (string | null)[][] {
  const days = daysBetween(from, to);
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: weekday(from) }, () => null);
  for (const d of days) {
    week.push(d);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

export type PeriodPreset = 'week' | 'last7' | 'month' | 'last_month' | 'last30';

/** A named period ending at the latest on `today` (the site's today). */
export function presetRange(preset: PeriodPreset, todayDate: string): { from: string; to: string } {
  const firstOfMonth = `${todayDate.slice(0, 7)}-01`;
  switch (preset) {
    case 'week':
      return { from: addDays(todayDate, -weekday(todayDate)), to: todayDate };
    case 'last7':
      return { from: addDays(todayDate, -6), to: todayDate };
    case 'month':
      return { from: firstOfMonth, to: todayDate };
    case 'last_month': {
      const end = addDays(firstOfMonth, -1);
      return { from: `${end.slice(0, 7)}-01`, to: end };
    }
    case 'last30':
      return { from: addDays(todayDate, -29), to: todayDate };
  }
}

/** The longest period the core accepts. */
export const MAX_PERIOD_DAYS = 731;

export type RangeProblem = 'from_invalid' | 'to_invalid' | 'reversed' | 'too_long' | null;

/** What is wrong with a period before it is sent (the core checks it again). */
export function checkRange(from: string, to: string): RangeProblem {
  if (!isDate(from)) return 'from_invalid';
  if (!isDate(to)) return 'to_invalid';
  if (from > to) return 'reversed';
  if (addDays(from, MAX_PERIOD_DAYS) <= to) return 'too_long';
  return null;
}
