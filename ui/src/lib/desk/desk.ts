// Desk (loket) logic, kept out of the .svelte files: the keyboard map, which steps a ticket's
// status allows, the current ticket of a counter, durations and this counter's figures.
import type { QueueMetricsRow, Service, Ticket, TicketStatus } from '../bindings';

export type DeskAction = 'call' | 'recall' | 'start' | 'finish' | 'no_show' | 'transfer' | 'postpone' | 'cancel';

export const ACTIONS: readonly DeskAction[] = [
  'call',
  'recall',
  'start',
  'finish',
  'no_show',
  'transfer',
  'postpone',
  'cancel',
];

/** The key shown on screen for each action (F1 and Space both call the next ticket). */
export const KEY_LABEL: Record<DeskAction, string> = {
  call: 'F1 / Spasi',
  recall: 'R',
  start: 'S',
  finish: 'F',
  no_show: 'N',
  transfer: 'T',
  postpone: 'P',
  cancel: 'C',
};

const LETTER: Record<string, DeskAction> = {
  r: 'recall',
  s: 'start',
  f: 'finish',
  n: 'no_show',
  t: 'transfer',
  p: 'postpone',
  c: 'cancel',
};

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  /** Tag name of the focused element (`INPUT`, `SELECT`, `TEXTAREA`, `BUTTON`…). */
  target?: string | null;
  /** The focused element is contenteditable. */
  editable?: boolean;
  /** The focused element is inside the desk panel (not e.g. a menu entry left focused). */
  inDesk?: boolean;
}

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * The desk action of a key press, or null. Alt/Ctrl/Meta combinations belong to the shell
 * (Alt+1..9, Ctrl+L) and are never taken; keys typed into a form field are never taken (F1 is:
 * it types nothing). Space on a focused button of the desk presses that button, so it is left
 * alone; Space on anything else (a menu entry still focused after opening the desk) calls.
 */
export function actionForKey(e: KeyLike): DeskAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const target = (e.target ?? '').toUpperCase();
  if (e.key === 'F1') return 'call';
  if (TYPING.has(target) || e.editable) return null;
  if (e.key === ' ' || e.key === 'Spacebar') return target === 'BUTTON' && e.inDesk ? null : 'call';
  return LETTER[e.key.toLowerCase()] ?? null;
}

const STEPS: Record<TicketStatus, readonly DeskAction[]> = {
  issued: ['transfer', 'postpone', 'cancel'],
  called: ['recall', 'start', 'no_show', 'transfer', 'postpone', 'cancel'],
  serving: ['finish', 'transfer', 'cancel'],
  done: [],
  no_show: [],
  cancelled: [],
};

/** Whether the action makes sense now (the core decides in the end; this only dims buttons). */
export function allowed(action: DeskAction, current: Ticket | null): boolean {
  if (action === 'call') return true;
  return current !== null && STEPS[current.status].includes(action);
}

/**
 * The ticket this counter is working on: called to it and not yet finished. Several (a call
 * while one is still open gives a warning): the one acted on last, else the latest called.
 */
export function currentTicket(tickets: readonly Ticket[], counter: string, lastId: string | null): Ticket | null {
  const open = tickets.filter((t) => t.counter === counter && (t.status === 'called' || t.status === 'serving'));
  if (open.length === 0) return null;
  const last = open.find((t) => t.id === lastId);
  if (last) return last;
  return open.reduce((a, b) => ((b.called_at ?? '') >= (a.called_at ?? '') ? b : a));
}

/** Whole seconds between two instants (ISO strings or ms); null when either is missing. */
export function secondsBetween(from: string | number | null, to: string | number | null): number | null {
  if (from === null || to === null) return null;
  const a = typeof from === 'number' ? from : Date.parse(from);
  const b = typeof to === 'number' ? to : Date.parse(to);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.max(0, Math.floor((b - a) / 1000));
}

/** `45 dtk`, `12 mnt`, `1 j 05 mnt` (Indonesian) or `45 s`, `12 min`, `1 h 05 min`. */
export function formatDuration(seconds: number | null, locale: 'id' | 'en' = 'id'): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const u = locale === 'id' ? { s: 'dtk', m: 'mnt', h: 'j' } : { s: 's', m: 'min', h: 'h' };
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} ${u.s}`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} ${u.m}`;
  return `${Math.floor(m / 60)} ${u.h} ${String(m % 60).padStart(2, '0')} ${u.m}`;
}

/** The time a ticket has been waiting or in service, measured up to `now`. */
export function elapsed(t: Ticket, now: number): { kind: 'wait' | 'walk' | 'service'; seconds: number | null } {
  if (t.status === 'serving') return { kind: 'service', seconds: secondsBetween(t.started_at, now) };
  if (t.status === 'called') return { kind: 'walk', seconds: secondsBetween(t.called_at, now) };
  return { kind: 'wait', seconds: secondsBetween(t.issued_at, now) };
}

export interface CounterFigures {
  served: number;
  noShow: number;
  called: number;
  avgWait: number | null;
  avgService: number | null;
  overPromise: number;
  /** The promised minutes of the counter's services (lowest, highest), null if none is set. */
  promised: [number, number] | null;
}

/** Today's figures of one counter from `queue.metrics --by counter` and the service list. */
export function counterFigures(
  rows: readonly QueueMetricsRow[],
  counter: string,
  services: readonly Service[],
  counterServices: readonly string[],
): CounterFigures {
  const row = rows.find((r) => r.key === counter);
  const minutes = services
    .filter((s) => counterServices.includes(s.code) && s.minutes !== null)
    .map((s) => s.minutes as number);
  return {
    served: row?.served ?? 0,
    noShow: row?.no_show ?? 0,
    called: row?.called ?? 0,
    avgWait: row?.avg_wait_s ?? null,
    avgService: row?.avg_service_s ?? null,
    overPromise: row?.over_promise ?? 0,
    promised: minutes.length ? [Math.min(...minutes), Math.max(...minutes)] : null,
  };
}

/** Whether an average (seconds) is over the promised minutes (the tightest promise). */
export function overPromised(avgSeconds: number | null, promised: [number, number] | null): boolean {
  return avgSeconds !== null && promised !== null && avgSeconds > promised[0] * 60;
}

/** Postpone's K: a whole number 0-999, else null. */
export function parseAfter(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) return null;
  return Number(t);
}

export const COUNTER_STORAGE_KEY = 'loket.desk.counter';

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The counter this PC works at, remembered per device (this window's localStorage). */
export function rememberedCounter(storage: StorageLike | null, codes: readonly string[]): string | null {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(COUNTER_STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  return saved !== null && codes.includes(saved) ? saved : null;
}

export function rememberCounter(storage: StorageLike | null, code: string): void {
  try {
    storage?.setItem(COUNTER_STORAGE_KEY, code);
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
