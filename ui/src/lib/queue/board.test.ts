import { describe, expect, it } from 'vitest';
import type { QueueBoardCall } from '../bindings/QueueBoardCall';
import { headline, highestCall, newCalls } from './board';

function call(n: number, number: string, status: QueueBoardCall['status'] = 'called', kind: QueueBoardCall['kind'] = 'call'): QueueBoardCall {
  return { number, counter: 'L1', counter_name: 'Loket 1', service: 'KTP', status, kind, at: '', recalls: 0, n };
}

describe('board', () => {
  it('announces nothing on the first load, then only new calls, oldest first; a recall again', () => {
    const first = [call(2, 'A-002'), call(1, 'A-001', 'done')];
    expect(newCalls(null, first)).toEqual([]);
    const seen = highestCall(null, first);
    expect(seen).toBe(2);
    const next = [call(4, 'A-002', 'called', 'recall'), call(3, 'A-003'), ...first];
    expect(newCalls(seen, next).map((c) => [c.n, c.number, c.kind])).toEqual([
      [3, 'A-003', 'call'],
      [4, 'A-002', 'recall'],
    ]);
    expect(highestCall(seen, next)).toBe(4);
    expect(highestCall(7, [])).toBe(7);
    expect(highestCall(null, [])).toBe(0);
  });

  it('announces the first call on a board opened before any call', () => {
    const seen = highestCall(null, []);
    expect(newCalls(seen, [])).toEqual([]);
    expect(newCalls(seen, [call(1, 'A-001')]).map((c) => c.number)).toEqual(['A-001']);
  });

  it('shows the latest call still at a counter', () => {
    expect(headline([call(5, 'B-001', 'done'), call(4, 'A-004', 'serving')])?.number).toBe('A-004');
    expect(headline([call(5, 'B-001', 'no_show')])?.number).toBe('B-001');
    expect(headline([])).toBe(null);
  });
});
