// The queue's shell commands (src-tauri/src/commands.rs, queue anchors): open the kiosk or the
// display board, check a supervisor's PIN, close the kiosk. Errors are `{code, message}` like
// every other call.
import { invoke } from '@tauri-apps/api/core';
import { hasBackend, toApiError } from '../api';
import { windowView } from './kiosk';
import { getLocale } from '../locale.svelte';

async function shell<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, { ...args, locale: getLocale() });
  } catch (e) {
    throw toApiError(e);
  }
}

export type QueueWindow = 'kiosk' | 'board';

/** Opens (or focuses) the kiosk or the board; it acts as this window's user, for its own commands. */
export function openQueueWindow(kind: QueueWindow, fullscreen: boolean): Promise<void> {
  return shell<void>('queue_window_open', { kind, fullscreen });
}

export { verifySupervisor } from '../api';

/** Closes this kiosk/board window after a supervisor's or admin's PIN. */
export function closeQueueWindow(username: string, pin: string): Promise<void> {
  return shell<void>('queue_window_close', { username, pin });
}

/** This webview's queue window (`kiosk`, `board`) or null for the main window. */
export function currentQueueView(): 'kiosk' | 'board' | null {
  const internals = hasBackend()
    ? (globalThis as { __TAURI_INTERNALS__?: { metadata?: { currentWindow?: { label?: string } } } }).__TAURI_INTERNALS__
    : undefined;
  return windowView(window.location.search, internals?.metadata?.currentWindow?.label ?? null);
}
