import { describe, expect, it } from 'vitest';
import type { QueueMetricsRow, Service, Ticket } from '../bindings';
import {
  actionForKey,
  allowed,
  counterFigures,
  currentTicket,
  elapsed,
  formatDuration,
  overPromised,
  parseAfter,
  rememberCounter,
  rememberedCounter,
  COUNTER_STORAGE_KEY,
} from './desk';
import { deskScreenFor, tripPhase, tripProblem } from './trip';

function ticket(over: Partial<Ticket>): Ticket {
  return {
    number: 'A-001',
    device: 'd1',
    service: 'KTP',
    status: 'issued',
    priority: null,
    issued_at: '2026-11-23T09:00:00+07:00',
    called_at: null,
    started_at: null,
    finished_at: null,
    counter: null,
    officer: null,
    id: 't1',
    issue_service: 'KTP',
    day: '2026-11-23',
    seq: 1,
    recalls: 0,
    print: null,
    site: null,
    ...over,
  };
}

describe('actionForKey', () => {
  it('maps the documented keys', () => {
    expect(actionForKey({ key: 'F1' })).toBe('call');
    expect(actionForKey({ key: ' ', target: 'BODY' })).toBe('call');
    expect(actionForKey({ key: 'r' })).toBe('recall');
    expect(actionForKey({ key: 'S' })).toBe('start');
    expect(actionForKey({ key: 'f' })).toBe('finish');
    expect(actionForKey({ key: 'n' })).toBe('no_show');
    expect(actionForKey({ key: 't' })).toBe('transfer');
    expect(actionForKey({ key: 'p' })).toBe('postpone');
    expect(actionForKey({ key: 'c' })).toBe('cancel');
    expect(actionForKey({ key: 'x' })).toBeNull();
  });

  it("leaves the shell's shortcuts and typing alone", () => {
    expect(actionForKey({ key: '1', altKey: true })).toBeNull();
    expect(actionForKey({ key: 'l', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: 'c', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: 's', target: 'INPUT' })).toBeNull();
    expect(actionForKey({ key: ' ', target: 'select' })).toBeNull();
    expect(actionForKey({ key: 'n', editable: true })).toBeNull();
    expect(actionForKey({ key: ' ', target: 'BUTTON', inDesk: true })).toBeNull();
    // A menu entry left focused after opening the desk does not swallow Space.
    expect(actionForKey({ key: ' ', target: 'BUTTON', inDesk: false })).toBe('call');
    expect(actionForKey({ key: 'F1', target: 'INPUT' })).toBe('call');
  });
});

describe('allowed', () => {
  it('follows the lifecycle', () => {
    expect(allowed('call', null)).toBe(true);
    expect(allowed('start', null)).toBe(false);
    const called = ticket({ status: 'called' });
    expect(allowed('start', called)).toBe(true);
    expect(allowed('finish', called)).toBe(false);
    expect(allowed('no_show', called)).toBe(true);
    const serving = ticket({ status: 'serving' });
    expect(allowed('finish', serving)).toBe(true);
    expect(allowed('postpone', serving)).toBe(false);
    expect(allowed('cancel', ticket({ status: 'done' }))).toBe(false);
  });
});

describe('currentTicket', () => {
  const a = ticket({ id: 'a', status: 'called', counter: 'L1', called_at: '2026-11-23T09:05:00+07:00' });
  const b = ticket({ id: 'b', status: 'serving', counter: 'L1', called_at: '2026-11-23T09:10:00+07:00' });
  const other = ticket({ id: 'c', status: 'called', counter: 'L2', called_at: '2026-11-23T09:20:00+07:00' });
  const done = ticket({ id: 'd', status: 'done', counter: 'L1', called_at: '2026-11-23T09:30:00+07:00' });

  it('is the open ticket of this counter, the latest called', () => {
    expect(currentTicket([a, b, other, done], 'L1', null)?.id).toBe('b');
    expect(currentTicket([other, done], 'L1', null)).toBeNull();
  });

  it('prefers the ticket acted on last', () => {
    expect(currentTicket([a, b], 'L1', 'a')?.id).toBe('a');
    expect(currentTicket([a, b], 'L1', 'zz')?.id).toBe('b');
  });
});

describe('durations', () => {
  it('formats seconds', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(42)).toBe('42 dtk');
    expect(formatDuration(12 * 60 + 5)).toBe('12 mnt');
    expect(formatDuration(65 * 60)).toBe('1 j 05 mnt');
    expect(formatDuration(90, 'en')).toBe('1 min');
  });

  it('measures what the ticket is doing now', () => {
    const now = Date.parse('2026-11-23T09:12:00+07:00');
    expect(elapsed(ticket({}), now)).toEqual({ kind: 'wait', seconds: 720 });
    expect(elapsed(ticket({ status: 'called', called_at: '2026-11-23T09:11:00+07:00' }), now)).toEqual({
      kind: 'walk',
      seconds: 60,
    });
    expect(elapsed(ticket({ status: 'serving', started_at: '2026-11-23T09:11:30+07:00' }), now)).toEqual({
      kind: 'service',
      seconds: 30,
    });
  });
});

describe('counterFigures', () => {
  const row: QueueMetricsRow = {
    key: 'L1',
    issued: 5,
    called: 4,
    served: 3,
    no_show: 1,
    cancelled: 0,
    waiting: 1,
    avg_wait_s: 1900,
    avg_walk_s: 30,
    avg_service_s: 300,
    no_show_rate: 0.25,
    over_promise: 1,
  };
  const svc = (code: string, minutes: number | null): Service => ({
    code,
    agency: 'DUK',
    name: code,
    prefix: code.slice(0, 1),
    minutes,
    fee: null,
    product: null,
    policy: 'fifo',
    active: true,
  });

  it('reads the counter row and the promised minutes of its services', () => {
    const f = counterFigures([row], 'L1', [svc('KTP', 30), svc('KK', 45), svc('AKTA', 60)], ['KTP', 'KK']);
    expect(f).toMatchObject({ served: 3, noShow: 1, avgWait: 1900, avgService: 300, overPromise: 1, promised: [30, 45] });
    expect(overPromised(f.avgWait, f.promised)).toBe(true);
    expect(overPromised(f.avgService, f.promised)).toBe(false);
  });

  it('is zero for a counter without tickets today', () => {
    const f = counterFigures([row], 'L9', [svc('KTP', null)], ['KTP']);
    expect(f).toMatchObject({ served: 0, noShow: 0, avgWait: null, promised: null });
    expect(overPromised(f.avgWait, f.promised)).toBe(false);
  });
});

describe('postpone and counter memory', () => {
  it('parses K', () => {
    expect(parseAfter(' 3 ')).toBe(3);
    expect(parseAfter('0')).toBe(0);
    expect(parseAfter('-1')).toBeNull();
    expect(parseAfter('dua')).toBeNull();
    expect(parseAfter('1000')).toBeNull();
  });

  it('remembers the counter of this device', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    expect(rememberedCounter(storage, ['L1', 'L2'])).toBeNull();
    rememberCounter(storage, 'L2');
    expect(data.get(COUNTER_STORAGE_KEY)).toBe('L2');
    expect(rememberedCounter(storage, ['L1', 'L2'])).toBe('L2');
    expect(rememberedCounter(storage, ['L1'])).toBeNull();
    expect(rememberedCounter(null, ['L1'])).toBeNull();
  });
});

describe('Layanan Keliling', () => {
  it('gives a field laptop the Keliling screen', () => {
    expect(deskScreenFor('field')).toBe('keliling');
    expect(deskScreenFor('counter')).toBe('desk');
    expect(deskScreenFor('supervisor')).toBe('desk');
    expect(deskScreenFor(null)).toBeNull();
  });

  it('checks the trip form', () => {
    const ok = { place: 'Kantor Camat', start_date: '2026-11-23', end_date: '2026-11-25' };
    expect(tripProblem(ok)).toBeNull();
    expect(tripProblem({ ...ok, place: ' ' })).toBe('place');
    expect(tripProblem({ ...ok, start_date: '2026-02-30' })).toBe('start');
    expect(tripProblem({ ...ok, end_date: '25-11-2026' })).toBe('end');
    expect(tripProblem({ ...ok, end_date: '2026-11-22' })).toBe('order');
  });

  it('places today against the trip', () => {
    const trip = { site_id: 's', site: 'Keliling', place: 'Desa', start_date: '2026-11-23', end_date: '2026-11-25' };
    expect(tripPhase(trip, '2026-11-22')).toBe('before');
    expect(tripPhase(trip, '2026-11-25')).toBe('during');
    expect(tripPhase(trip, '2026-11-26')).toBe('after');
  });
});
