import type { SessionView } from './shell-bindings/SessionView';
import type { Status } from './types';

export type Phase = 'loading' | 'setup' | 'login' | 'locked' | 'ready' | 'fatal';

/** Which top-level screen the window shows, from the core's status and the window's session. */
export function phaseFor(status: Status, session: SessionView | null): Phase {
  if (!status.initialized || !status.has_users) return 'setup';
  if (!session) return 'login';
  if (session.locked) return 'locked';
  return 'ready';
}
