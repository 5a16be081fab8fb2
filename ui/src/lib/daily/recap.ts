// Presentation of a day's recap: durations, status, the list of what changed after approval,
// device warnings in the reader's language. Pure functions, unit-tested; the screens only draw.
import type { DailyChange, DailyDevice, DailyRecap, DailyStatus, PeriodDay } from '../bindings';
import { formatNumber } from '../format';
import type { Key } from '../i18n';

type T = (key: Key, params?: Record<string, string | number>) => string;

/** `45 dtk`, `5 mnt 20 dtk`, `1 j 05 mnt`; `–` when there is nothing to show. */
export function formatDuration(seconds: number | null | undefined, t: T): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return t('daily.dur.s', { s });
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? t('daily.dur.ms', { m, s: rest }) : t('daily.dur.m', { m });
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return t('daily.dur.hm', { h, m: m < 10 ? `0${m}` : m });
}

export function statusKey(status: DailyStatus): Key {
  return `daily.status.${status}` as Key;
}

/** A day that still needs a supervisor's attention. */
export function needsReview(day: Pick<PeriodDay, 'status' | 'issued' | 'complaints_received' | 'survey_respondents'>): boolean {
  return day.status !== 'approved' && hasData(day);
}

export function hasData(day: Pick<PeriodDay, 'issued' | 'complaints_received' | 'survey_respondents'>): boolean {
  return day.issued > 0 || day.complaints_received > 0 || day.survey_respondents > 0;
}

const METRICS: Record<string, Key> = {
  issued: 'daily.m.issued',
  called: 'daily.m.called',
  served: 'daily.m.served',
  no_show: 'daily.m.no_show',
  cancelled: 'daily.m.cancelled',
  waiting: 'daily.m.waiting',
  avg_wait_s: 'daily.m.avg_wait',
  worst_wait_s: 'daily.m.worst_wait',
  avg_walk_s: 'daily.m.avg_walk',
  avg_service_s: 'daily.m.avg_service',
  worst_service_s: 'daily.m.worst_service',
  no_show_rate: 'daily.m.no_show_rate',
  over_promise: 'daily.m.over_promise',
  received: 'daily.m.received',
  resolved: 'daily.m.resolved',
  overdue: 'daily.m.overdue',
  open: 'daily.m.open',
  respondents: 'daily.m.respondents',
  score: 'daily.m.score',
  grade: 'daily.m.grade',
  ikm: 'daily.m.ikm',
  category: 'daily.m.category',
  tickets: 'daily.m.tickets',
  complaints: 'daily.m.complaints',
};

const SECTIONS: Record<string, Key> = {
  queue: 'daily.sec.queue',
  complaints: 'daily.sec.complaints',
  survey: 'daily.sec.survey',
  officers: 'daily.sec.officers',
  devices: 'daily.sec.devices',
  'queue.by_service': 'daily.sec.by_service',
  'queue.by_counter': 'daily.sec.by_counter',
  'queue.by_hour': 'daily.sec.by_hour',
};

const CHANGE_KEY = /^([a-z_]+(?:\.[a-z_]+)*?)(?:\[([^\]]+)\])?\.([a-z_]+)$/;

/**
 * A readable name for a changed figure: `queue.by_service[KK].issued` →
 * `Per layanan · KK · Diambil`. Unknown parts are shown as they are (never hidden).
 */
export function changeLabel(key: string, t: T, names: Record<string, string> = {}): string {
  const m = CHANGE_KEY.exec(key);
  if (!m) return key;
  const [, section = '', item, metric = ''] = m;
  const parts: string[] = [];
  const sec = SECTIONS[section];
  parts.push(sec ? t(sec) : section);
  if (item != null) parts.push(names[item] ?? (item === '-' ? t('daily.no_counter') : item));
  const met = METRICS[metric];
  parts.push(met ? t(met) : metric);
  return parts.join(' · ');
}

/** A changed value for display: seconds as durations, rates as percent, null as `–`. */
export function changeValue(key: string, value: unknown, t: T): string {
  if (value == null) return '–';
  if (typeof value === 'number') {
    if (key.endsWith('_s')) return formatDuration(value, t);
    if (key.endsWith('_rate')) return `${formatNumber(value * 100, { maxFraction: 1 })}%`;
    return formatNumber(value);
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export interface ChangeRow {
  key: string;
  label: string;
  from: string;
  to: string;
}

export function changeRows(changes: DailyChange[], t: T, names: Record<string, string> = {}): ChangeRow[] {
  // A row's own key (`by_hour[14].key`, the hour itself) appears when the row is new; the other
  // figures of that row say everything, so it is not listed as a change.
  return changes.filter((c) => !c.key.endsWith('].key')).map((c) => ({
    key: c.key,
    label: changeLabel(c.key, t, names),
    from: changeValue(c.key, c.from, t),
    to: changeValue(c.key, c.to, t),
  }));
}

export function deviceLabel(d: Pick<DailyDevice, 'name' | 'device_id'>): string {
  return d.name ?? d.device_id.slice(0, 8);
}

/** A device of the site that sent nothing for the day: is a laptop's file missing? */
export function isMissing(d: DailyDevice): boolean {
  return !d.included && !d.this_device;
}

const OUT_OF_ORDER = /^(\d+) ticket\(s\) from device (.+) have steps out of time order/;

/**
 * The day's warnings in the reader's language, rebuilt from the devices (clock skew, missing
 * data); the core's other warnings are kept as it wrote them.
 */
export function warnings(recap: Pick<DailyRecap, 'devices' | 'warnings'>, t: T, when: (at: string) => string): string[] {
  const out: string[] = [];
  for (const d of recap.devices) {
    const name = deviceLabel(d);
    if (d.clock_warning && d.included) {
      out.push(
        d.skew_s == null
          ? t('daily.warn.clock', { device: name })
          : t('daily.warn.clock_s', { device: name, s: formatNumber(Math.abs(d.skew_s)) }),
      );
    }
    if (isMissing(d)) {
      out.push(
        t('daily.warn.missing', { device: name, at: d.last_import ? when(d.last_import) : t('daily.never') }),
      );
    }
  }
  for (const w of recap.warnings) {
    const m = OUT_OF_ORDER.exec(w);
    if (m) out.push(t('daily.warn.order', { n: m[1] ?? '', device: m[2] ?? '' }));
    else if (!/looks wrong|is a file missing/.test(w)) out.push(w);
  }
  return out;
}

/** Hours `08`…`17` with zeros filled in between the first and last hour with tickets. */
export function hourSeries(rows: { key: string; issued: number; served: number }[]): {
  labels: string[];
  issued: number[];
  served: number[];
} {
  const byHour = new Map(rows.map((r) => [Number(r.key), r]));
  const hours = [...byHour.keys()].filter((h) => Number.isInteger(h));
  if (!hours.length) return { labels: [], issued: [], served: [] };
  const lo = Math.min(...hours);
  const hi = Math.max(...hours);
  const labels: string[] = [];
  const issued: number[] = [];
  const served: number[] = [];
  for (let h = lo; h <= hi; h++) {
    const r = byHour.get(h);
    labels.push(h < 10 ? `0${h}` : String(h));
    issued.push(r?.issued ?? 0);
    served.push(r?.served ?? 0);
  }
  return { labels, issued, served };
}
