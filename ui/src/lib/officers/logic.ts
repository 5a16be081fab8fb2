// Plain logic of the officers screens (performance, JP, competency records, programs, mentoring,
// impact): period presets, comparisons with the unit's median, JP progress, small samples and
// form checks. Screens stay thin; everything here is unit-tested.
/** Figures resting on fewer cases than this are flagged (same threshold as the core's export). */
export const SMALL_SAMPLE = 10;

export type PeriodPreset = 'month' | 'prev_month' | 'quarter' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Inclusive day range of a preset around `today` (`YYYY-MM-DD`, site-local). */
export function periodOf(preset: PeriodPreset, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'month':
      return { from: ymd(y, m, 1), to: ymd(y, m, lastDay(y, m)) };
    case 'prev_month': {
      const py = m === 1 ? y - 1 : y;
      const pm = m === 1 ? 12 : m - 1;
      return { from: ymd(py, pm, 1), to: ymd(py, pm, lastDay(py, pm)) };
    }
    case 'quarter': {
      const q0 = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: ymd(y, q0, 1), to: ymd(y, q0 + 2, lastDay(y, q0 + 2)) };
    }
    case 'year':
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  }
}

export type Versus = 'better' | 'worse' | 'same' | 'none';

/**
 * An officer's figure against the unit's median. `higherIsBetter` false for times and no-shows.
 * Within 5 % of the median counts as "same": small differences are not a verdict.
 */
export function versusMedian(value: number | null, median: number | null, higherIsBetter: boolean): Versus {
  if (value == null || median == null) return 'none';
  const tolerance = Math.max(Math.abs(median) * 0.05, 1e-9);
  if (Math.abs(value - median) <= tolerance) return 'same';
  return value > median === higherIsBetter ? 'better' : 'worse';
}

/** Seconds as m:ss (h:mm:ss from an hour); '–' when missing. */
export function duration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

/** Share of the target reached, 0–100 (100 when there is no target). */
export function jpPercent(jp: number, target: number): number {
  if (target <= 0) return 100;
  return Math.max(0, Math.min(100, Math.round((jp / target) * 100)));
}

export interface JpLike {
  jp: number;
  target: number;
  shortfall: number;
  behind: boolean;
  cap: number | null;
  over_cap: number;
  type: string;
}

/** Counts for the tracker's header. */
export function jpSummary(rows: JpLike[]): { officers: number; behind: number; missing: number; overCap: number } {
  let behind = 0;
  let missing = 0;
  let overCap = 0;
  for (const r of rows) {
    if (r.behind) behind++;
    missing += r.shortfall;
    if (r.over_cap > 0) overCap++;
  }
  return { officers: rows.length, behind, missing: Math.round(missing * 100) / 100, overCap };
}

/** A figure's sample size judged: fewer than SMALL_SAMPLE cases is small, none is empty. */
export function sampleFlag(cases: number): 'empty' | 'small' | 'ok' {
  if (cases <= 0) return 'empty';
  return cases < SMALL_SAMPLE ? 'small' : 'ok';
}

/** JP as typed (1.5 or 1,5): null when not a number above 0 with at most two decimals. */
export function parseJp(text: string): number | null {
  const t = text.trim();
  if (!/^\d+([.,]\d{1,2})?$/.test(t)) return null;
  const v = Number(t.replace(',', '.'));
  return v > 0 && v <= 2000 ? v : null;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(text: string): boolean {
  if (!DATE_RE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

export interface TrainingForm {
  nip: string;
  title: string;
  kind: string;
  form: string;
  provider: string;
  start: string;
  date: string;
  /** 'jp' or 'minutes' */
  unit: 'jp' | 'minutes';
  amount: string;
}

export type FieldError = { field: keyof TrainingForm; key: 'required' | 'jp' | 'minutes' | 'date' | 'order' };

/** Checks a competency record before sending; the core checks again. */
export function checkTraining(f: TrainingForm): FieldError[] {
  const out: FieldError[] = [];
  if (!f.nip.trim()) out.push({ field: 'nip', key: 'required' });
  if (!f.title.trim()) out.push({ field: 'title', key: 'required' });
  if (!f.date.trim()) out.push({ field: 'date', key: 'required' });
  else if (!isDate(f.date.trim())) out.push({ field: 'date', key: 'date' });
  if (f.start.trim()) {
    if (!isDate(f.start.trim())) out.push({ field: 'start', key: 'date' });
    else if (isDate(f.date.trim()) && f.start.trim() > f.date.trim()) out.push({ field: 'start', key: 'order' });
  }
  if (f.unit === 'jp') {
    if (parseJp(f.amount) == null) out.push({ field: 'amount', key: 'jp' });
  } else {
    const m = Number(f.amount.trim());
    if (!Number.isInteger(m) || m < 1 || m > 90_000) out.push({ field: 'amount', key: 'minutes' });
  }
  return out;
}

/** The `training.add` arguments of a checked form (optional fields left out when empty). */
export function trainingArgs(f: TrainingForm) {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    nip: f.nip.trim(),
    title: f.title.trim(),
    kind: f.kind,
    form: opt(f.form),
    provider: opt(f.provider),
    start: opt(f.start),
    date: f.date.trim(),
    ...(f.unit === 'jp' ? { jp: parseJp(f.amount) ?? 0 } : { minutes: Number(f.amount.trim()) }),
  };
}

/** Forms of Peraturan LAN 10/2018 offered per kind (others may be typed). */
export const FORMS: Record<string, string[]> = {
  pendidikan: [],
  klasikal: ['pelatihan', 'seminar', 'workshop', 'bimtek', 'kursus', 'sosialisasi', 'penataran'],
  nonklasikal: ['e-learning', 'coaching', 'mentoring', 'on-the-job', 'benchmarking', 'magang', 'detasering', 'pertukaran'],
};

/** A default export file name: `kinerja-2026-11-01-2026-11-30.xlsx`. */
export function exportName(parts: (string | number)[], format: 'xlsx' | 'pdf'): string {
  const base = parts
    .map((p) => String(p).trim())
    .filter(Boolean)
    .join('-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '')
    .replace(/\s+/g, '-')
    .toLowerCase();
  return `${base}.${format}`;
}

/** A typed export path must be absolute and end with the chosen format's extension. */
export function checkExportPath(path: string, format: 'xlsx' | 'pdf'): 'empty' | 'relative' | 'extension' | null {
  const p = path.trim();
  if (!p) return 'empty';
  if (!(p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'))) return 'relative';
  if (!p.toLowerCase().endsWith(`.${format}`)) return 'extension';
  return null;
}

/** Percentage change from before to after; null when either side is missing or before is 0. */
export function change(before: number | null, after: number | null): number | null {
  if (before == null || after == null || before === 0) return null;
  return Math.round(((after - before) / before) * 1000) / 10;
}

/** Feedback distribution (counts of 1..5) as shares in percent. */
export function shares(distribution: number[]): number[] {
  const total = distribution.reduce((a, b) => a + b, 0);
  return distribution.map((c) => (total ? Math.round((c / total) * 100) : 0));
}

/** A success note followed by the core's warnings, if any. */
export function withWarnings(note: string, warnings: string[], label: (w: string) => string): string {
  return warnings.length ? `${note} ${label(warnings.join(' '))}` : note;
}
