// Idle lock for shared counter PCs: calls `onIdle` once after `timeoutMs` without user input.

export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export interface IdleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class IdleTimer {
  private lastActivity = 0;
  private handle: unknown = null;
  private running = false;
  private readonly onActivity = () => this.touch();

  constructor(
    private timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly clock: IdleClock = realClock,
    private readonly target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null = null,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const e of ACTIVITY_EVENTS) this.target?.addEventListener(e, this.onActivity, { passive: true });
    this.touch();
  }

  stop(): void {
    this.running = false;
    for (const e of ACTIVITY_EVENTS) this.target?.removeEventListener(e, this.onActivity);
    this.cancel();
  }

  setTimeoutMs(ms: number): void {
    this.timeoutMs = ms;
    if (this.running) this.schedule(this.remaining());
  }

  /** Records user activity. Cheap: the timer is only re-armed when it fires. */
  touch(): void {
    this.lastActivity = this.clock.now();
    if (this.running && this.handle === null) this.schedule(this.timeoutMs);
  }

  private remaining(): number {
    return this.lastActivity + this.timeoutMs - this.clock.now();
  }

  private schedule(ms: number): void {
    this.cancel();
    this.handle = this.clock.setTimeout(() => this.fire(), Math.max(0, ms));
  }

  private cancel(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }

  private fire(): void {
    this.handle = null;
    if (!this.running) return;
    const left = this.remaining();
    if (left > 0) {
      this.schedule(left);
      return;
    }
    this.stop();
    this.onIdle();
  }
}

/** Minutes from settings to milliseconds; anything invalid falls back to the default of 5. */
export function idleMs(minutes: number | null | undefined): number {
  const m = typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : 5;
  return Math.round(m * 60_000);
}
