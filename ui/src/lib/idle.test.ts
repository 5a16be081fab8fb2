import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, idleMs } from './idle';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after the timeout without activity', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(60_000, onIdle);
    timer.start();
    vi.advanceTimersByTime(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('activity postpones the lock', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(60_000, onIdle);
    timer.start();
    vi.advanceTimersByTime(50_000);
    timer.touch();
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('listens to DOM activity on its target and stops cleanly', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const timer = new IdleTimer(1_000, onIdle, undefined, target);
    timer.start();
    vi.advanceTimersByTime(900);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(900);
    expect(onIdle).not.toHaveBeenCalled();
    timer.stop();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('applies a new timeout to the running timer', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(300_000, onIdle);
    timer.start();
    vi.advanceTimersByTime(61_000);
    timer.setTimeoutMs(60_000);
    expect(onIdle).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(0);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});

describe('idleMs', () => {
  it('defaults to five minutes', () => {
    expect(idleMs(undefined)).toBe(300_000);
    expect(idleMs(0)).toBe(300_000);
    expect(idleMs(2)).toBe(120_000);
  });
});
