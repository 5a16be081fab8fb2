// Indonesian formatting for dates, numbers and site-local times.
//
// Loket sites are in Indonesia's three zones, none of which observes daylight saving, so each
// zone is a fixed UTC offset. We deliberately do not use Intl's time-zone database: WebKitGTK
// builds differ in which zones they carry, and a fixed offset is exact here.

export type ZoneAbbr = 'WIB' | 'WITA' | 'WIT';

export interface SiteZone {
  /** IANA name as stored by the core (`Asia/Jakarta`, ...). */
  iana: string;
  /** Indonesian abbreviation shown after times. */
  abbr: ZoneAbbr;
  /** Offset from UTC in minutes. */
  offsetMinutes: number;
}

export const ZONES: readonly SiteZone[] = [
  { iana: 'Asia/Jakarta', abbr: 'WIB', offsetMinutes: 7 * 60 },
  { iana: 'Asia/Makassar', abbr: 'WITA', offsetMinutes: 8 * 60 },
  { iana: 'Asia/Jayapura', abbr: 'WIT', offsetMinutes: 9 * 60 },
];

const DEFAULT_ZONE = ZONES[0] as SiteZone;

/** Finds a site zone by IANA name or abbreviation (case-insensitive); WIB when unknown/empty. */
export function siteZone(tz: string | null | undefined): SiteZone {
  if (!tz) return DEFAULT_ZONE;
  const wanted = tz.trim().toLowerCase();
  return ZONES.find((z) => z.iana.toLowerCase() === wanted || z.abbr.toLowerCase() === wanted) ?? DEFAULT_ZONE;
}

export const MONTHS_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'] as const;

/** An instant: a Date, epoch milliseconds, or an ISO-8601 timestamp string with time. */
export type Instant = Date | number | string;

interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toEpochMs(value: Instant): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

/** Wall-clock parts of an instant in the given site zone. */
export function localParts(value: Instant, tz?: string | null): LocalParts | null {
  const ms = toEpochMs(value);
  if (!Number.isFinite(ms)) return null;
  const shifted = new Date(ms + siteZone(tz).offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateText(year: number, month: number, day: number): string {
  return `${day} ${MONTHS_ID[month - 1] ?? '?'} ${year}`;
}

/**
 * `22 Nov 2026`. A plain calendar date (`2026-11-22`) is shown as is; an instant is first
 * moved into the site's zone.
 */
export function formatDate(value: Instant, tz?: string | null): string {
  if (typeof value === 'string') {
    const m = CALENDAR_DATE.exec(value.trim());
    if (m) {
      const month = Number(m[2]);
      const day = Number(m[3]);
      if (month < 1 || month > 12 || day < 1 || day > 31) return value;
      return dateText(Number(m[1]), month, day);
    }
  }
  const p = localParts(value, tz);
  return p ? dateText(p.year, p.month, p.day) : '–';
}

/** `14.05 WIB` (Indonesian time notation uses a dot), in the site's zone. */
export function formatTime(value: Instant, tz?: string | null, opts: { seconds?: boolean } = {}): string {
  const p = localParts(value, tz);
  if (!p) return '–';
  const hm = `${pad2(p.hour)}.${pad2(p.minute)}`;
  const text = opts.seconds ? `${hm}.${pad2(p.second)}` : hm;
  return `${text} ${siteZone(tz).abbr}`;
}

/** `22 Nov 2026 14.05 WIB`. */
export function formatDateTime(value: Instant, tz?: string | null): string {
  const p = localParts(value, tz);
  if (!p) return '–';
  return `${dateText(p.year, p.month, p.day)} ${formatTime(value, tz)}`;
}

/** The site's local calendar day of an instant, `YYYY-MM-DD` (never the OS zone's day). */
export function siteDay(value: Instant, tz?: string | null): string {
  const p = localParts(value, tz);
  if (!p) return '';
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/**
 * `1.234,5`: dot thousands separator, comma decimal separator. Trailing fraction zeros are
 * dropped unless `minFraction` asks for them; at most `maxFraction` digits (default 2).
 */
export function formatNumber(value: number, opts: { minFraction?: number; maxFraction?: number } = {}): string {
  if (!Number.isFinite(value)) return '–';
  const maxFraction = opts.maxFraction ?? 2;
  const minFraction = Math.min(opts.minFraction ?? 0, maxFraction);
  const fixed = Math.abs(value).toFixed(maxFraction);
  let [whole = '0', fraction = ''] = fixed.split('.');
  while (fraction.length > minFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const negative = value < 0 && /[1-9]/.test(whole + fraction);
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** Parses Indonesian-formatted input (`1.234,5`, `1234,5`, `12`) back to a number; null if not a number. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(t)) return null;
  return Number(t.replace(/\./g, '').replace(',', '.'));
}
