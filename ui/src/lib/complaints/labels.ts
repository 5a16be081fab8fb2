// Display names of the complaints vocabularies in the current locale (unknown values as they are).
import type { Key } from '../i18n';
import { t } from '../locale.svelte';
import type { Problem } from './model';

function known(prefix: string, value: string | null | undefined): string {
  if (!value) return '–';
  const key = `complaints.${prefix}.${value}` as Key;
  const text = t(key);
  return text === key ? value : text;
}

export const statusLabel = (s: string | null | undefined) => known('status', s);
export const channelLabel = (c: string | null | undefined) => known('channel', c);
export const typeLabel = (c: string | null | undefined) => known('type', c);
export const kindLabel = (k: string) => known('kind', k);
export function moveLabel(from: string, to: string): string {
  return from === 'resolved' && to === 'in_progress' ? t('complaints.move.reopen') : known('move', to);
}

/** The message of a client-side problem. */
export function problemText(p: Problem): string {
  return t(`complaints.${p.key}` as Key, p.params);
}
