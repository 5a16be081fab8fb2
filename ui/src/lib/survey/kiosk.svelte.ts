// Kiosk mode of the main window: while it is on, the survey kiosk covers the whole window
// (fullscreen, menu hidden and inert), shortcuts are swallowed, navigation snaps back, and the
// window's idle lock is held off (the kiosk resets itself instead). Leaving needs a
// supervisor/admin PIN, checked by the shell's `verify_supervisor` without changing the session.
//
// Another screen (the desk) starts a survey for a ticket with:
//   import { startSurveyFor } from '../../lib/survey/kiosk.svelte';
//   startSurveyFor({ ticket: 'A-007', service: 'KTP', counter: 'L1', staff: '1991…' });
import { hasBackend, toApiError, verifySupervisor } from '../api';
import { app } from '../state.svelte';
import type { DeskLink } from './flow.svelte';
import { getCurrentWindow } from '@tauri-apps/api/window';

export const KIOSK_SCREEN = 'survey-kiosk' as const;
const STORAGE_KEY = 'loket.survey.kiosk';

class KioskState {
  /** Kiosk mode is on (the window belongs to the citizen). */
  active = $state(false);
  /** The desk's link for the next response (ticket once; service/counter/staff stay). */
  link = $state<DeskLink>({});
}

export const kiosk = new KioskState();

/** Opens the kiosk screen linked to a ticket/service/counter/officer (call from the desk). */
export function startSurveyFor(link: DeskLink): void {
  kiosk.link = { ...link };
  app.screen = KIOSK_SCREEN;
}

/** Keys a citizen must not use in kiosk mode (shortcuts, reload, devtools, fullscreen). */
export function isBlockedKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  if (e.ctrlKey || e.altKey || e.metaKey) return true;
  return /^F\d{1,2}$/.test(e.key) || e.key === 'Escape' || e.key === 'ContextMenu';
}

function swallowKey(e: KeyboardEvent): void {
  if (!isBlockedKey(e)) return;
  // Escape still closes the exit dialog (handled by the dialog itself before this).
  e.preventDefault();
  e.stopImmediatePropagation();
}

function swallowMenu(e: Event): void {
  e.preventDefault();
}

async function fullscreen(on: boolean): Promise<void> {
  if (!hasBackend()) return;
  try {
    await getCurrentWindow().setFullscreen(on);
  } catch {
    // a window manager that refuses fullscreen still gets the covering kiosk layout
  }
}

/** Makes the shell's header and menu inert (not focusable, not clickable) or live again. */
export function setShellInert(on: boolean): void {
  for (const el of document.querySelectorAll('[data-testid="shell"] > header, [data-testid="shell"] > nav')) {
    if (on) el.setAttribute('inert', '');
    else el.removeAttribute('inert');
  }
}

let keepAlive: ReturnType<typeof setInterval> | null = null;

/** Turns kiosk mode on: fullscreen, menu inert, shortcuts off, window idle lock held off. */
export function enterKiosk(): void {
  if (kiosk.active) return;
  kiosk.active = true;
  app.screen = KIOSK_SCREEN;
  try {
    sessionStorage.setItem(STORAGE_KEY, '1');
  } catch {
    // storage unavailable: kiosk mode still works until a reload
  }
  window.addEventListener('keydown', swallowKey, true);
  window.addEventListener('contextmenu', swallowMenu, true);
  // The shell's idle lock listens for activity on `window`; the kiosk has its own reset.
  keepAlive = setInterval(() => window.dispatchEvent(new Event('pointermove')), 20_000);
  setShellInert(true);
  void fullscreen(true);
}

function leave(): void {
  kiosk.active = false;
  kiosk.link = {};
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  window.removeEventListener('keydown', swallowKey, true);
  window.removeEventListener('contextmenu', swallowMenu, true);
  if (keepAlive) clearInterval(keepAlive);
  keepAlive = null;
  setShellInert(false);
  void fullscreen(false);
}

/** Leaves kiosk mode after the shell confirmed a supervisor/admin PIN; throws `{code, message}`. */
export async function exitKiosk(username: string, pin: string): Promise<void> {
  try {
    await verifySupervisor(username, pin);
  } catch (e) {
    throw toApiError(e);
  }
  leave();
  app.screen = 'home';
}

/** Called when the shell mounts: a reload in kiosk mode stays in kiosk mode. */
export function resumeKiosk(): void {
  let pending = false;
  try {
    pending = sessionStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    pending = false;
  }
  if (pending) enterKiosk();
}

// Navigation cannot leave the kiosk while kiosk mode is on.
$effect.root(() => {
  $effect(() => {
    if (kiosk.active && app.screen !== KIOSK_SCREEN) app.screen = KIOSK_SCREEN;
  });
});
