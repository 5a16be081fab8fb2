// Pure helpers of the sync screens: sizes, clock skew in words, passphrase checks, conflict
// values. No Svelte, no IPC: tested in format.test.ts.
import type { Key, Params } from '../i18n';
import { formatNumber } from '../format';

type Tr = (key: Key, params?: Params) => string;

/** `1,2 MB`, `830 B`: decimal units, as file managers on USB sticks show them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${formatNumber(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${formatNumber(v, { maxFraction: v < 10 ? 1 : 0 })} ${units[i]}`;
}

/** A duration in the largest sensible unit: `45 detik`, `3 menit`, `2 jam`, `5 hari`, `2 tahun`. */
export function formatDuration(seconds: number, tr: Tr): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return tr('sync.unit.seconds', { n: s });
  if (s < 3600) return tr('sync.unit.minutes', { n: Math.round(s / 60) });
  if (s < 86_400) return tr('sync.unit.hours', { n: Math.round(s / 3600) });
  if (s < 365 * 86_400) return tr('sync.unit.days', { n: Math.round(s / 86_400) });
  return tr('sync.unit.years', { n: formatNumber(s / (365 * 86_400), { maxFraction: 1 }) });
}

/** Skews this small are ordinary clock drift and file transit, shown as "on time". */
export const SKEW_NEGLIGIBLE_S = 60;

/** Clock skew in words: `3 menit lebih cepat`, `2 tahun lebih lambat`, `tepat`. */
export function formatSkew(skew: number | null | undefined, tr: Tr): string {
  if (skew == null || !Number.isFinite(skew)) return tr('sync.skew.unknown');
  if (Math.abs(skew) < SKEW_NEGLIGIBLE_S) return tr('sync.skew.ok');
  const d = formatDuration(skew, tr);
  return skew > 0 ? tr('sync.skew.ahead', { d }) : tr('sync.skew.behind', { d });
}

/** `m:ss` for the elapsed-time counter next to a running call. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export type Strength = 'weak' | 'fair' | 'strong';

/**
 * A rough strength hint: length counts most (a few words beat a short symbol soup); mixing
 * letters, digits and other characters helps; one repeated character never does.
 */
export function passphraseStrength(p: string): Strength {
  const s = p.trim();
  if (s.length < 8 || new Set(s).size < 4) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(s)).length;
  if (s.length >= 16 || (s.length >= 12 && classes >= 3)) return 'strong';
  if (s.length >= 10 || classes >= 3) return 'fair';
  return 'weak';
}

/** Minimum passphrase length the export form accepts. */
export const MIN_PASSPHRASE = 8;

/** Checks the two passphrase fields of the export form; the message key, or null when fine. */
export function passphraseProblem(enabled: boolean, first: string, second: string): Key | null {
  if (!enabled) return null;
  if (first.trim() === '') return 'sync.export.pass_empty';
  if (first.length < MIN_PASSPHRASE) return 'sync.export.pass_short';
  if (first !== second) return 'sync.export.pass_mismatch';
  return null;
}

/** A conflict value as `sync.conflict_pick` expects it: its text for text values, else JSON. */
export function conflictValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The distinct device ids of an export's parts (the devices whose events the file carries). */
export function deviceCount(parts: { device_id: string }[]): number {
  return new Set(parts.map((p) => p.device_id)).size;
}

/** The last path segment, for compact lists (`/media/usb/a.loket` → `a.loket`). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? path;
}

const ENTITY_KEYS: Record<string, Key> = {
  agency: 'sync.entity.agency',
  service: 'sync.entity.service',
  counter: 'sync.entity.counter',
  staff: 'sync.entity.staff',
  holiday: 'sync.entity.holiday',
  user: 'sync.entity.user',
  site: 'sync.entity.site',
  device: 'sync.entity.device',
  ticket: 'sync.entity.ticket',
  complaint: 'sync.entity.complaint',
};

/** A record kind in words (`agency` → `Instansi`); unknown kinds as they are. */
export function entityLabel(entity: string, tr: Tr): string {
  const key = ENTITY_KEYS[entity];
  return key ? tr(key) : entity;
}

const KIND_KEYS: Record<string, Key> = {
  counter: 'kind.counter',
  field: 'kind.field',
  supervisor: 'kind.supervisor',
};

/** A device kind in words; unknown or missing kinds as they are. */
export function kindLabel(kind: string | null | undefined, tr: Tr): string {
  if (!kind) return '–';
  const key = KIND_KEYS[kind];
  return key ? tr(key) : kind;
}
