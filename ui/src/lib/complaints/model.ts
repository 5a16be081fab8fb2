// Complaints screens' logic: vocabularies, client-side checks before sending, payload building,
// list filters and highlighting, chart series. Pure functions (unit-tested); the core remains the
// judge of every rule and its messages are shown as they come.
import type { ComplaintAddInput } from '../bindings/ComplaintAddInput';
import type { ComplaintListInput } from '../bindings/ComplaintListInput';
import type { ComplaintRow } from '../bindings/ComplaintRow';
import type { Status } from '../bindings/Status';
import type { StatsItem } from '../bindings/StatsItem';
import type { Series } from '../chart';
import { localParts } from '../format';

export const CHANNELS = ['langsung', 'surat', 'telepon', 'whatsapp', 'email', 'lapor', 'kotak_saran', 'media_sosial'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TYPES = ['pengaduan', 'aspirasi', 'informasi'] as const;
export type ComplaintType = (typeof TYPES)[number];

export const STATUSES: readonly Status[] = [
  'received',
  'verified',
  'assigned',
  'in_progress',
  'waiting',
  'escalated',
  'resolved',
  'closed',
  'forwarded',
  'rejected',
];

/** Statuses after which a complaint no longer runs against its deadlines. */
export const FINISHED: readonly Status[] = ['resolved', 'closed', 'rejected', 'forwarded'];

/** Moves that must say why (the core accepts them without, with a warning; the desk must not). */
export const NOTE_REQUIRED: readonly Status[] = ['rejected', 'forwarded', 'escalated', 'waiting'];

export function isOpen(status: Status): boolean {
  return !FINISHED.includes(status);
}

export function noteRequired(to: Status): boolean {
  return NOTE_REQUIRED.includes(to);
}

/** The move along the usual path (shown as the main button), if allowed. */
export function nextMove(allowed: readonly Status[]): Status | null {
  const path: Status[] = ['verified', 'assigned', 'in_progress', 'resolved', 'closed'];
  return path.find((s) => allowed.includes(s)) ?? null;
}

/** A problem found before sending: a dictionary key (without the `complaints.` prefix) and params. */
export interface Problem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75,
  76, 81, 82, 91, 92, 93, 94, 95, 96,
]);

function realDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The same checks as the core's NIK rule, so the desk sees them while typing: an error (not 16
 * digits, no birth date DDMMYY with DD + 40 for women, serial 0000) or a warning (unknown
 * province). Empty input is fine (the NIK is optional).
 */
export function checkNik(input: string): { error: Problem | null; warning: Problem | null } {
  const s = input.replace(/\s/g, '');
  if (!s) return { error: null, warning: null };
  if (!/^\d{16}$/.test(s)) return { error: { field: 'nik', key: 'nik_digits', params: { n: s.length } }, warning: null };
  const n = (a: number, b: number) => Number(s.slice(a, b));
  let dd = n(6, 8);
  const mm = n(8, 10);
  const yy = n(10, 12);
  if (dd > 40) dd -= 40;
  if (!realDate(2000 + yy, mm, dd) && !realDate(1900 + yy, mm, dd)) {
    return { error: { field: 'nik', key: 'nik_birth', params: { digits: s.slice(6, 12) } }, warning: null };
  }
  if (n(12, 16) === 0) return { error: { field: 'nik', key: 'nik_serial' }, warning: null };
  const province = n(0, 2);
  const warning = PROVINCES.has(province)
    ? null
    : { field: 'nik', key: 'nik_province', params: { code: s.slice(0, 2) } };
  return { error: null, warning };
}

/** `YYYY-MM-DDTHH:MM` of an instant in the site's zone (the value of a datetime-local input). */
export function siteDateTimeInput(ms: number, tz?: string | null): string {
  const p = localParts(ms, tz);
  if (!p) return '';
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Minutes since the epoch of a wall-clock `YYYY-MM-DDTHH:MM` (zone-free: only compared with another). */
export function wallMinutes(value: string): number | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!realDate(y, mo, d) || h > 23 || mi > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi) / 60_000;
}

export interface AddForm {
  channel: string;
  type: string;
  category: string;
  received: string;
  service: string;
  agency: string;
  ticket: string;
  serviceDate: string;
  name: string;
  phone: string;
  nik: string;
  summary: string;
  details: string;
}

export function emptyAddForm(received: string): AddForm {
  return {
    channel: 'langsung',
    type: 'pengaduan',
    category: '',
    received,
    service: '',
    agency: '',
    ticket: '',
    serviceDate: '',
    name: '',
    phone: '',
    nik: '',
    summary: '',
    details: '',
  };
}

const CATEGORY = /^[A-Z0-9_-]{1,20}$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/**
 * Checks the registration form against the site's current wall-clock time (`now`, as
 * `YYYY-MM-DDTHH:MM`) and builds the `complaint.add` payload (optional fields only when given).
 */
export function buildAdd(form: AddForm, now: string): { problems: Problem[]; input: ComplaintAddInput | null } {
  const problems: Problem[] = [];
  const category = form.category.trim().toUpperCase();
  if (!(CHANNELS as readonly string[]).includes(form.channel)) problems.push({ field: 'channel', key: 'err_channel' });
  if (!(TYPES as readonly string[]).includes(form.type)) problems.push({ field: 'type', key: 'err_type' });
  if (!category) problems.push({ field: 'category', key: 'err_category' });
  else if (!CATEGORY.test(category)) problems.push({ field: 'category', key: 'err_category_code' });
  const received = wallMinutes(form.received);
  const nowMin = wallMinutes(now);
  if (received === null) problems.push({ field: 'received', key: 'err_received' });
  else if (nowMin !== null && received > nowMin + 5) problems.push({ field: 'received', key: 'err_future' });
  if (form.serviceDate && !/^\d{4}-\d{2}-\d{2}$/.test(form.serviceDate)) problems.push({ field: 'service_date', key: 'err_service_date' });
  else if (form.serviceDate && received !== null && form.serviceDate > form.received.slice(0, 10)) {
    problems.push({ field: 'service_date', key: 'err_service_after' });
  }
  const phone = form.phone.trim();
  if (phone && !PHONE.test(phone)) problems.push({ field: 'phone', key: 'err_phone' });
  const nik = checkNik(form.nik);
  if (nik.error) problems.push(nik.error);
  const summary = form.summary.trim();
  if (!summary) problems.push({ field: 'summary', key: 'err_summary' });
  else if (summary.length > 200) problems.push({ field: 'summary', key: 'err_summary_long', params: { n: summary.length } });
  if (form.details.trim().length > 4000) problems.push({ field: 'details', key: 'err_details_long' });
  if (problems.length) return { problems, input: null };

  const input: ComplaintAddInput = { channel: form.channel, category, summary, type: form.type, received: form.received };
  const opt = (v: string) => v.trim() || undefined;
  const fields: [keyof ComplaintAddInput, string | undefined][] = [
    ['service', opt(form.service)],
    ['agency', form.service.trim() ? undefined : opt(form.agency)],
    ['ticket', opt(form.ticket)?.toUpperCase()],
    ['service_date', opt(form.serviceDate)],
    ['name', opt(form.name)],
    ['phone', opt(phone)],
    ['nik', opt(form.nik.replace(/\s/g, ''))],
    ['details', opt(form.details)],
  ];
  for (const [k, v] of fields) if (v !== undefined) (input as Record<string, unknown>)[k] = v;
  return { problems, input };
}

export interface Filters {
  view: 'all' | 'open' | 'overdue' | 'due_soon';
  status: string;
  category: string;
  channel: string;
  agency: string;
  officer: string;
  from: string;
  to: string;
  search: string;
}

export function emptyFilters(view: Filters['view'] = 'open'): Filters {
  return { view, status: '', category: '', channel: '', agency: '', officer: '', from: '', to: '', search: '' };
}

/** The `complaint.list` arguments of the filters the core applies. */
export function listInput(f: Filters): ComplaintListInput {
  const input: ComplaintListInput = {};
  if (f.view === 'open' || f.view === 'due_soon') input.open = true;
  if (f.view === 'overdue') input.overdue = true;
  if (f.status) input.status = f.status;
  if (f.category) input.category = f.category;
  if (f.channel) input.channel = f.channel;
  if (f.officer) input.assigned_nip = f.officer;
  if (f.from) input.from = f.from;
  if (f.to) input.to = f.to;
  return input;
}

/** Period problems (checked before asking the core). */
export function periodProblem(from: string, to: string): Problem | null {
  if (from && to && from > to) return { field: 'period', key: 'err_period' };
  return null;
}

/** Filters the core has no argument for: agency, due soon, free-text search (number, summary, ticket, NIK digits shown). */
export function applyLocal(rows: ComplaintRow[], f: Filters, dueSoon: ReadonlySet<string>): ComplaintRow[] {
  const words = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.agency && r.agency !== f.agency) return false;
    if (f.view === 'due_soon' && !dueSoon.has(r.number)) return false;
    if (!words.length) return true;
    const hay = [r.number, r.summary, r.category, r.service ?? '', r.agency ?? '', r.nik ?? ''].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The row's highlight: overdue first, then due soon (within the reminder window). */
export function tone(row: Pick<ComplaintRow, 'number' | 'overdue'>, dueSoon: ReadonlySet<string>): 'overdue' | 'due_soon' | '' {
  if (row.overdue) return 'overdue';
  if (dueSoon.has(row.number)) return 'due_soon';
  return '';
}

/** Chart series of one breakdown: received, resolved, resolved on time (bars) and the median days. */
export function breakdownSeries(
  items: StatsItem[],
  label: (key: string | null) => string,
  names: { received: string; resolved: string; onTime: string; median: string },
): { labels: string[]; counts: Series[]; median: Series[] } {
  const sorted = [...items].sort((a, b) => b.received - a.received || String(a.key).localeCompare(String(b.key)));
  return {
    labels: sorted.map((i) => label(i.key)),
    counts: [
      { label: names.received, values: sorted.map((i) => i.received) },
      { label: names.resolved, values: sorted.map((i) => i.resolved) },
      { label: names.onTime, values: sorted.map((i) => i.resolved_on_time) },
    ],
    median: [{ label: names.median, values: sorted.map((i) => i.median_resolution_days) }],
  };
}

/** Share resolved on time, 0–100 (null when nothing was resolved). */
export function onTimeRate(resolved: number, onTime: number): number | null {
  return resolved > 0 ? (onTime * 100) / resolved : null;
}

/** The last `n` calendar months up to the month of `today` (`YYYY-MM-DD`), oldest first. */
export function lastMonths(today: string, n: number): { from: string; to: string; month: number; year: number }[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out = [];
  for (let i = n - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    out.push({ from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}`, month, year });
  }
  return out;
}

/** Open complaints per status (the backlog), in lifecycle order, statuses with none left out. */
export function backlog(rows: Pick<ComplaintRow, 'status'>[]): { status: Status; count: number }[] {
  const counts = new Map<Status, number>();
  for (const r of rows) if (isOpen(r.status)) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((s) => ({ status: s, count: counts.get(s) ?? 0 }));
}

export interface SlaForm {
  category: string;
  name: string;
  respond: string;
  resolve: string;
}

/** Checks an SLA profile form (1–60 resolve days, Perpres 76/2013; respond 0..resolve). */
export function buildSla(f: SlaForm): { problems: Problem[]; input: { category: string; name: string; respond_days: number; resolve_days: number } | null } {
  const problems: Problem[] = [];
  const category = f.category.trim().toUpperCase();
  if (!category) problems.push({ field: 'category', key: 'err_category' });
  else if (!CATEGORY.test(category)) problems.push({ field: 'category', key: 'err_category_code' });
  if (!f.name.trim()) problems.push({ field: 'name', key: 'err_sla_name' });
  const whole = (v: string) => (/^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : null);
  const respond = whole(f.respond);
  const resolve = whole(f.resolve);
  if (resolve === null || resolve < 1 || resolve > 60) problems.push({ field: 'resolve', key: 'err_resolve_days' });
  if (respond === null || (resolve !== null && respond > resolve)) problems.push({ field: 'respond', key: 'err_respond_days' });
  if (problems.length || respond === null || resolve === null) return { problems, input: null };
  return { problems, input: { category, name: f.name.trim(), respond_days: respond, resolve_days: resolve } };
}
