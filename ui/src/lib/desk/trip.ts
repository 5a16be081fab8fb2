// Layanan Keliling: which desk screen a device gets, and the trip form's checks.
import type { DeviceKind, Trip } from '../bindings';

/** A field laptop gets the Layanan Keliling screen, other devices the desk; unknown: none. */
export function deskScreenFor(kind: DeviceKind | null | undefined): 'desk' | 'keliling' | null {
  if (kind === 'field') return 'keliling';
  if (kind === 'counter' || kind === 'supervisor') return 'desk';
  return null;
}

export interface TripForm {
  place: string;
  start_date: string;
  end_date: string;
}

export type TripProblem = 'place' | 'start' | 'end' | 'order';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s.trim());
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The first problem of a trip form (checked again by the core), or null. */
export function tripProblem(f: TripForm): TripProblem | null {
  if (!f.place.trim()) return 'place';
  if (!validDate(f.start_date)) return 'start';
  if (!validDate(f.end_date)) return 'end';
  if (f.end_date.trim() < f.start_date.trim()) return 'order';
  return null;
}

/** Where today (site-local `YYYY-MM-DD`) lies against the trip's dates. */
export function tripPhase(trip: Trip, today: string): 'before' | 'during' | 'after' {
  if (today < trip.start_date) return 'before';
  if (today > trip.end_date) return 'after';
  return 'during';
}
