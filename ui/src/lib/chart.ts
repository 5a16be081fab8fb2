// Scales and ticks for the SVG charts (components/BarChart.svelte, LineChart.svelte). Pure
// functions so they are unit-tested; the components only draw.

export interface Series {
  /** Legend text (already translated). */
  label: string;
  values: (number | null)[];
  /** CSS colour; defaults to the palette. */
  color?: string;
}

export const PALETTE = ['#1d4ed8', '#067647', '#b54708', '#7a2e9e', '#b42318', '#0e7490'];

/** A "nice" upper bound and tick step for values in [0, max]: 1, 2 or 5 × 10^k steps. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (!Number.isFinite(max) || max <= 0) return { top: 1, step: 1 / ticks };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: Math.ceil(max / unit) * unit, step: unit };
}

/** Tick values from 0 to top inclusive. */
export function tickValues(top: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; i * step <= top + step / 1e6; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** Largest finite value over all series (0 when none). */
export function seriesMax(series: Series[]): number {
  let max = 0;
  for (const s of series) for (const v of s.values) if (v != null && Number.isFinite(v) && v > max) max = v;
  return max;
}

/** Every n-th label is shown so that at most `room` labels appear (first and last always kept). */
export function labelStride(count: number, room: number): number {
  if (count <= room || room <= 1) return 1;
  return Math.ceil(count / room);
}
