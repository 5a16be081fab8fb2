import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Service } from '../bindings/Service';
import { ResetTimer, groupServices, paperClass, printMode, waitingAhead, windowView } from './kiosk';

function svc(code: string, agency: string, prefix: string, active = true): Service {
  return { code, agency, name: code, prefix, minutes: null, fee: null, product: null, policy: 'fifo', active };
}

describe('kiosk', () => {
  it('groups active services by agency name', () => {
    const groups = groupServices(
      [svc('PKB', 'SAM', 'E'), svc('KK', 'DUK', 'B'), svc('KTP', 'DUK', 'A'), svc('OLD', 'DUK', 'Z', false), svc('X', 'NONE', 'X')],
      [
        { code: 'SAM', name: 'Samsat', active: true },
        { code: 'DUK', name: 'Dinas Dukcapil', active: true },
      ],
    );
    expect(groups.map((g) => [g.name, g.services.map((s) => s.code)])).toEqual([
      ['Dinas Dukcapil', ['KTP', 'KK']],
      ['NONE', ['X']],
      ['Samsat', ['PKB']],
    ]);
  });

  it('counts the tickets ahead', () => {
    expect(waitingAhead({ id: 'c' }, [{ id: 'a' }, { id: 'b' }, { id: 'c' }])).toBe(2);
    expect(waitingAhead({ id: 'a' }, [{ id: 'a' }])).toBe(0);
    expect(waitingAhead({ id: 'z' }, [{ id: 'a' }])).toBe(null);
  });

  it('reads settings and the window view defensively', () => {
    expect(printMode('escpos')).toBe('escpos');
    expect(printMode('off')).toBe('off');
    expect(printMode('weird')).toBe('html');
    expect(printMode(null)).toBe('html');
    expect(paperClass(58)).toBe('slip-58');
    expect(paperClass(80)).toBe('slip-80');
    expect(paperClass(undefined)).toBe('slip-80');
    expect(windowView('?view=kiosk')).toBe('kiosk');
    expect(windowView('?view=board&x=1')).toBe('board');
    expect(windowView('?view=other')).toBe(null);
    expect(windowView('')).toBe(null);
    expect(windowView('', 'board')).toBe('board');
    expect(windowView('', 'main')).toBe(null);
  });
});

describe('ResetTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('expires after the given seconds; a touch starts over', () => {
    const ticks: number[] = [];
    const expire = vi.fn();
    const t = new ResetTimer(3, (l) => ticks.push(l), expire);
    t.touch(); // not running: nothing
    expect(t.running).toBe(false);
    t.start();
    vi.advanceTimersByTime(2000);
    t.touch();
    vi.advanceTimersByTime(2000);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(expire).toHaveBeenCalledTimes(1);
    expect(t.running).toBe(false);
    expect(ticks).toEqual([3, 2, 1, 3, 2, 1, 0]);
    vi.advanceTimersByTime(5000);
    expect(expire).toHaveBeenCalledTimes(1);
  });
});
