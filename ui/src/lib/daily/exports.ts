// Export of a day or a period: default file names and the check of a typed path. The file is
// written by the core (`daily.export` / `daily.period_export` with `out`).
import type { DailyFormat } from '../bindings';
import { safeFileName } from '../files';

export const FORMATS: readonly DailyFormat[] = ['xlsx', 'pdf', 'csv'];

export function isFormat(value: unknown): value is DailyFormat {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value);
}

/** `Rekap-harian-MPP-Kota-Contoh-2026-11-23.xlsx`. */
export function dayFileName(site: string, date: string, format: DailyFormat): string {
  return safeFileName(`Rekap harian ${site} ${date}.${format}`);
}

/** `Rekap-MPP-Kota-Contoh-2026-11-01-sd-2026-11-30.xlsx` (`Semua-lokasi` without a site). */
export function periodFileName(site: string | null, from: string, to: string, format: DailyFormat): string {
  return safeFileName(`Rekap ${site ?? 'Semua lokasi'} ${from} sd ${to}.${format}`);
}

export type PathProblem = 'empty' | 'relative' | 'folder' | null;

/** A typed path must be absolute and name a file (the core writes it through a sibling). */
export function checkPath(path: string): PathProblem {
  const p = path.trim();
  if (!p) return 'empty';
  if (!(p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'))) return 'relative';
  if (/[\\/]$/.test(p)) return 'folder';
  return null;
}

/** The typed path with the format's extension added when it has none. */
export function withExtension(path: string, format: DailyFormat): string {
  const p = path.trim();
  return p.toLowerCase().endsWith(`.${format}`) ? p : `${p}.${format}`;
}
