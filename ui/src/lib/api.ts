// The only way the UI talks to Rust. Every domain command goes through `call`, which the desktop
// shell dispatches to loket-core's command layer with the window's logged-in actor. Errors are
// always `{code, message}`: branch on `code`, show `message` (already localized by Rust).
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getLocale } from './locale.svelte';
import type { CommandName, Commands } from './bindings';
import type { SessionView } from './shell-bindings/SessionView';

export type { SessionView };

export interface ApiError {
  code: string;
  message: string;
}

/** Codes the UI branches on. Codes produced by the core are shown, never interpreted. */
export const ErrorCode = {
  /** The window has no logged-in user (shell). */
  NotLoggedIn: 'not_logged_in',
  /** The window's session is locked; unlock with the PIN (shell). */
  Locked: 'locked',
  /** Not running inside the desktop shell (UI). */
  NoBackend: 'no_backend',
  /** Client-side check before sending (UI). */
  Invalid: 'invalid',
} as const;

/** Rust emits this after every successful mutating call and when another process changes the db. */
export const CHANGED_EVENT = 'loket://changed';

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

export function toApiError(value: unknown, noBackendMessage = 'Loket desktop backend unavailable'): ApiError {
  if (isApiError(value)) return { code: value.code, message: value.message };
  if (!hasBackend()) return { code: ErrorCode.NoBackend, message: noBackendMessage };
  if (typeof value === 'string') return { code: 'internal', message: value };
  if (value instanceof Error) return { code: 'internal', message: value.message };
  return { code: 'internal', message: String(value) };
}

export function hasBackend(): boolean {
  return typeof globalThis !== 'undefined' && '__TAURI_INTERNALS__' in globalThis;
}

type AuthListener = (error: ApiError) => void;
const authListeners = new Set<AuthListener>();

/** Called whenever a call fails because the session is gone or locked (e.g. to show the PIN screen). */
export function onAuthError(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

async function invokeShell<T>(cmd: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    const error = toApiError(e);
    if (error.code === ErrorCode.NotLoggedIn || error.code === ErrorCode.Locked) {
      for (const listener of authListeners) listener(error);
    }
    throw error;
  }
}

/** Runs a command of the core's command layer (`agency.add`, `user.list`, ...). */
export function call<T>(command: string, args: object = {}): Promise<T> {
  return invokeShell<T>('api_call', { command, args, locale: getLocale() });
}

/** `call` typed by the generated command table: arguments and result checked at compile time. */
export function cmd<C extends CommandName>(command: C, args: Commands[C]['input']): Promise<Commands[C]['output']> {
  return call<Commands[C]['output']>(command, args);
}

export function login(username: string, pin: string): Promise<SessionView> {
  return invokeShell<SessionView>('login', { username, pin, locale: getLocale() });
}

/**
 * Checks that `username`/`pin` belong to a supervisor or admin, without changing any session (to
 * leave a kiosk). A wrong PIN counts as a failed login.
 */
export function verifySupervisor(username: string, pin: string): Promise<SessionView> {
  return invokeShell<SessionView>('verify_supervisor', { username, pin, locale: getLocale() });
}

/** Locks the window's session: the user stays known, commands are refused until the PIN is entered. */
export function lock(): Promise<SessionView | null> {
  return invokeShell<SessionView | null>('lock', {});
}

export function logout(): Promise<void> {
  return invokeShell<void>('logout', {});
}

export function session(): Promise<SessionView | null> {
  return invokeShell<SessionView | null>('session', {});
}

/** Tells the shell the first screen is on screen (start-up benchmark; a no-op unless probed). */
export function startupReady(screen: string): Promise<void> {
  if (!hasBackend()) return Promise.resolve();
  return invoke<void>('startup_ready', { screen }).catch(() => undefined);
}

/** Subscribes to change events pushed by Rust. */
export function onChanged(handler: () => void): Promise<UnlistenFn> {
  if (!hasBackend()) return Promise.resolve(() => {});
  return listen(CHANGED_EVENT, () => handler());
}
