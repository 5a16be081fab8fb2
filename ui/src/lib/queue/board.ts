// The display board's logic: which calls are new (to announce) and what the board shows.
import type { QueueBoardCall } from '../bindings/QueueBoardCall';

/**
 * Calls to announce: those with `n` above the highest already seen, oldest first. On the first
 * load (`seen` null) nothing is announced: the board only speaks for calls made while it is open.
 * A recall is a new call step (a higher `n`), so it is announced again.
 */
export function newCalls(seen: number | null, lastCalls: QueueBoardCall[]): QueueBoardCall[] {
  if (seen === null) return [];
  return lastCalls.filter((c) => c.n > seen).sort((a, b) => a.n - b.n);
}

/**
 * The highest call step seen so far, after a load. Never null once the board has loaded: a board
 * opened before any call has seen step 0, so the first call made while it is open is announced.
 */
export function highestCall(seen: number | null, lastCalls: QueueBoardCall[]): number {
  return lastCalls.reduce((m, c) => (c.n > m ? c.n : m), seen ?? 0);
}

/** The call shown huge: the latest call or recall still being called or served, else the latest. */
export function headline(lastCalls: QueueBoardCall[]): QueueBoardCall | null {
  return lastCalls.find((c) => c.status === 'called' || c.status === 'serving') ?? lastCalls[0] ?? null;
}
