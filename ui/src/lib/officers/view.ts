// Small view helpers shared by the officers screens (formatting in the site's zone, labels).
import { formatDate, formatNumber } from '../format';
import { t } from '../locale.svelte';
import type { Versus } from './logic';

/** A `YYYY-MM-DD` day as an Indonesian date (noon UTC+7 keeps the calendar day in every zone). */
export function dayText(day: string | null | undefined, tz?: string | null): string {
  if (!day) return '–';
  return formatDate(`${day}T05:00:00Z`, tz);
}

export function num(v: number | null | undefined, maxFraction = 2): string {
  return v == null ? '–' : formatNumber(v, { maxFraction });
}

/** The arrow and words of a comparison with the unit's median. */
export function versusText(v: Versus): { mark: string; text: string } {
  const mark = v === 'better' ? '▲' : v === 'worse' ? '▼' : v === 'same' ? '=' : '·';
  return { mark, text: t(`officers.vs.${v}`) };
}

export function kindLabel(kind: string): string {
  return kind === 'pendidikan' || kind === 'klasikal' || kind === 'nonklasikal' ? t(`officers.rec.kind.${kind}`) : kind;
}

export function statusLabel(s: string): string {
  return s === 'planned' || s === 'completed' || s === 'cancelled' ? t(`officers.prog.status.${s}`) : s;
}
