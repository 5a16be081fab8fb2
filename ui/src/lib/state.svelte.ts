// The window's state: core status, this window's session, the current screen and a data version
// that increases whenever Rust reports a change (screens re-fetch when it moves; nothing polls).
import {
  cmd,
  ErrorCode,
  lock as lockSession,
  logout as logoutSession,
  onAuthError,
  onChanged,
  session as fetchSession,
  startupReady,
  toApiError,
  type ApiError,
  type SessionView,
} from './api';
import { t } from './locale.svelte';
import type { Screen } from './nav';
import { phaseFor, type Phase } from './phase';
import type { Status } from './types';

class AppState {
  phase = $state<Phase>('loading');
  status = $state<Status | null>(null);
  session = $state<SessionView | null>(null);
  fatal = $state<ApiError | null>(null);
  screen = $state<Screen>('home');
  /** Incremented on every `loket://changed` event. */
  dataVersion = $state(0);
  /** One-shot message for the next screen (e.g. "setup complete"). */
  notice = $state<string | null>(null);
}

export const app = new AppState();

export function describeError(e: unknown): ApiError {
  const error = toApiError(e, t('error.no_backend'));
  if (!error.message) error.message = t('error.unknown');
  return error;
}

export async function refresh(): Promise<void> {
  try {
    const [status, session] = await Promise.all([cmd('status', {}), fetchSession()]);
    app.status = status;
    app.session = session;
    app.fatal = null;
    const phase = phaseFor(status, session);
    if (phase !== 'ready') app.screen = 'home';
    app.phase = phase;
  } catch (e) {
    app.fatal = describeError(e);
    app.phase = 'fatal';
  }
}

export async function refreshStatus(): Promise<void> {
  try {
    app.status = await cmd('status', {});
  } catch {
    // keep the last known status; the next event retries
  }
}

export async function lockNow(): Promise<void> {
  try {
    app.session = await lockSession();
  } finally {
    await refresh();
  }
}

export async function logoutNow(): Promise<void> {
  try {
    await logoutSession();
  } finally {
    app.session = null;
    await refresh();
  }
}

export function enterSession(session: SessionView): void {
  app.session = session;
  app.notice = null;
  app.screen = 'home';
  if (app.status) app.phase = phaseFor(app.status, session);
}

let started = false;

/** Wires Rust's change events and auth errors to the state; call once at startup. */
export async function start(): Promise<void> {
  if (started) return;
  started = true;
  onAuthError((error) => {
    if (error.code === ErrorCode.NotLoggedIn || error.code === ErrorCode.Locked) void refresh();
  });
  await onChanged(() => {
    app.dataVersion += 1;
    void refreshStatus();
  });
  await refresh();
  // After the first screen has been laid out and painted (two frames), for the start-up benchmark.
  requestAnimationFrame(() => requestAnimationFrame(() => void startupReady(app.phase)));
}
