// The IKM screen's logic: the selection form → `survey.ikm`/`survey.summary`/`survey.report`
// arguments, the sample-size check, and shares for the profile breakdown.
import type { IkmReport } from '../bindings/IkmReport';

export interface IkmForm {
  from: string;
  to: string;
  service: string;
  agency: string;
  staff: string;
  population: string;
}

export interface IkmArgs {
  from?: string;
  to?: string;
  service?: string;
  agency?: string;
  staff?: string;
  population?: number;
}

export type FormCheck = { ok: true; args: IkmArgs } | { ok: false; error: 'survey.bad_range' | 'survey.bad_population' };

export function emptyForm(): IkmForm {
  return { from: '', to: '', service: '', agency: '', staff: '', population: '' };
}

/** Validates the form; empty fields select everything. */
export function argsFor(form: IkmForm): FormCheck {
  const args: IkmArgs = {};
  for (const k of ['from', 'to', 'service', 'agency', 'staff'] as const) {
    const v = form[k].trim();
    if (v) args[k] = v;
  }
  if (args.from && args.to && args.from > args.to) return { ok: false, error: 'survey.bad_range' };
  const p = form.population.trim().replace(/\./g, '');
  if (p) {
    if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 4_000_000_000) return { ok: false, error: 'survey.bad_population' };
    args.population = Number(p);
  }
  return { ok: true, args };
}

export type SampleState =
  | { kind: 'unknown' }
  | { kind: 'enough'; population: number; sample: number }
  | { kind: 'short'; population: number; sample: number; respondents: number };

export function sampleState(r: Pick<IkmReport, 'population' | 'sample_size' | 'respondents'>): SampleState {
  if (r.population == null || r.sample_size == null) return { kind: 'unknown' };
  const base = { population: r.population, sample: r.sample_size };
  return r.respondents < r.sample_size ? { kind: 'short', ...base, respondents: r.respondents } : { kind: 'enough', ...base };
}

/** Percentages of a breakdown, one decimal, from integer counts (display only). */
export function shares(rows: [string, number][]): { value: string; count: number; pct: number }[] {
  const total = rows.reduce((a, [, n]) => a + n, 0);
  return rows.map(([value, count]) => ({ value, count, pct: total ? Math.round((count * 1000) / total) / 10 : 0 }));
}

/** A file name for the report of a selection, e.g. `SKM-2026-11-01_2026-11-30-KTP.xlsx`. */
export function reportName(args: IkmArgs, ext: 'xlsx' | 'pdf'): string {
  const period = args.from || args.to ? `${args.from ?? '…'}_${args.to ?? '…'}` : 'semua';
  const parts = ['SKM', period, args.service, args.agency, args.staff].filter(Boolean);
  return `${parts.join('-')}.${ext}`;
}
