import { describe, expect, it } from 'vitest';
import type { ComplaintRow } from '../bindings/ComplaintRow';
import {
  applyLocal,
  backlog,
  breakdownSeries,
  buildAdd,
  buildSla,
  checkNik,
  emptyAddForm,
  emptyFilters,
  lastMonths,
  listInput,
  nextMove,
  noteRequired,
  onTimeRate,
  periodProblem,
  siteDateTimeInput,
  tone,
  wallMinutes,
} from './model';

const NOW = '2026-11-23T10:00';

function form(over: Partial<ReturnType<typeof emptyAddForm>> = {}) {
  return { ...emptyAddForm('2026-11-23T09:15'), category: 'layanan', summary: 'Antrian terlalu lama', ...over };
}

function row(over: Partial<ComplaintRow>): ComplaintRow {
  return {
    number: 'ADU-20261123-4F1A-001',
    received_at: '2026-11-23T09:15:00+07:00',
    type: 'pengaduan',
    channel: 'langsung',
    category: 'LAYANAN',
    status: 'received',
    assigned_nip: null,
    respond_due: '2026-11-24',
    resolve_due: '2026-11-30',
    resolved_at: null,
    overdue: false,
    paused_days: 0,
    summary: 'Antrian terlalu lama',
    service: 'KTP',
    agency: 'DUK',
    nik: '3275••••••••0001',
    ...over,
  };
}

describe('checkNik', () => {
  it('accepts an empty NIK and valid male and female NIKs', () => {
    expect(checkNik('')).toEqual({ error: null, warning: null });
    expect(checkNik('3275011508900001')).toEqual({ error: null, warning: null });
    expect(checkNik('3275 0155 0890 0002').error).toBeNull(); // DD 55 = 15th, woman; spaces ignored
  });

  it('refuses a wrong length, an impossible birth date and serial 0000', () => {
    expect(checkNik('12345').error).toMatchObject({ key: 'nik_digits', params: { n: 5 } });
    expect(checkNik('327501150890000x').error?.key).toBe('nik_digits');
    expect(checkNik('3275013213900001').error).toMatchObject({ key: 'nik_birth', params: { digits: '321390' } });
    expect(checkNik('3275017202900001').error?.key).toBe('nik_birth'); // 32 Feb for a woman
    expect(checkNik('3275011508900000').error?.key).toBe('nik_serial');
  });

  it('warns about an unknown province but accepts it', () => {
    const r = checkNik('9975011508900001');
    expect(r.error).toBeNull();
    expect(r.warning).toMatchObject({ key: 'nik_province', params: { code: '99' } });
  });
});

describe('buildAdd', () => {
  it('builds the payload with upper-cased category and only the given optional fields', () => {
    const r = buildAdd(form({ ticket: 'a-007', service: 'KTP', agency: 'BPN', name: ' Budi ', nik: '3275 0115 0890 0001' }), NOW);
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({
      channel: 'langsung',
      category: 'LAYANAN',
      summary: 'Antrian terlalu lama',
      type: 'pengaduan',
      received: '2026-11-23T09:15',
      service: 'KTP',
      ticket: 'A-007',
      name: 'Budi',
      nik: '3275011508900001',
    });
  });

  it('sends the agency only when no service is chosen', () => {
    expect(buildAdd(form({ agency: 'BPN' }), NOW).input?.agency).toBe('BPN');
  });

  it('lists every problem and sends nothing', () => {
    const r = buildAdd(
      form({ category: '', summary: ' ', received: '2026-11-23T10:06', phone: 'abc', nik: '123', serviceDate: '2026-11-24' }),
      NOW,
    );
    expect(r.input).toBeNull();
    expect(r.problems.map((p) => p.key).sort()).toEqual(
      ['err_category', 'err_future', 'err_phone', 'err_service_after', 'err_summary', 'nik_digits'].sort(),
    );
  });

  it('allows five minutes of clock difference, refuses invalid codes and times', () => {
    expect(buildAdd(form({ received: '2026-11-23T10:05' }), NOW).problems).toEqual([]);
    expect(buildAdd(form({ received: '2026-02-30T10:00' }), NOW).problems[0]?.key).toBe('err_received');
    expect(buildAdd(form({ category: 'LAYANAN UMUM' }), NOW).problems[0]?.key).toBe('err_category_code');
    expect(buildAdd(form({ summary: 'x'.repeat(201) }), NOW).problems[0]).toMatchObject({ key: 'err_summary_long', params: { n: 201 } });
  });
});

describe('times', () => {
  it('gives the site wall clock for datetime-local inputs', () => {
    const ms = Date.UTC(2026, 10, 22, 17, 30); // 00:30 WIB on 23 Nov, 01:30 WITA
    expect(siteDateTimeInput(ms, 'Asia/Jakarta')).toBe('2026-11-23T00:30');
    expect(siteDateTimeInput(ms, 'Asia/Makassar')).toBe('2026-11-23T01:30');
  });

  it('compares wall-clock times and rejects impossible ones', () => {
    expect((wallMinutes('2026-11-23T10:05') ?? 0) - (wallMinutes('2026-11-23T10:00') ?? 0)).toBe(5);
    expect(wallMinutes('2026-11-23T24:00')).toBeNull();
    expect(wallMinutes('2026-11-23')).toBeNull();
  });
});

describe('list filters', () => {
  it('passes the core filters and keeps the others local', () => {
    const f = { ...emptyFilters('overdue'), status: 'assigned', officer: '199107142015032001', from: '2026-11-01', agency: 'DUK' };
    expect(listInput(f)).toEqual({ overdue: true, status: 'assigned', assigned_nip: '199107142015032001', from: '2026-11-01' });
    expect(listInput(emptyFilters('due_soon'))).toEqual({ open: true });
    expect(listInput(emptyFilters('all'))).toEqual({});
  });

  it('filters by agency, due soon and every search word', () => {
    const rows = [row({ number: 'A' }), row({ number: 'B', agency: 'BPN', summary: 'Sertipikat hilang' }), row({ number: 'C' })];
    expect(applyLocal(rows, { ...emptyFilters('all'), agency: 'BPN' }, new Set()).map((r) => r.number)).toEqual(['B']);
    expect(applyLocal(rows, emptyFilters('due_soon'), new Set(['C'])).map((r) => r.number)).toEqual(['C']);
    expect(applyLocal(rows, { ...emptyFilters('all'), search: 'sertipikat BPN' }, new Set()).map((r) => r.number)).toEqual(['B']);
    expect(applyLocal(rows, { ...emptyFilters('all'), search: 'sertipikat DUK' }, new Set())).toEqual([]);
  });

  it('highlights overdue before due soon', () => {
    const soon = new Set(['A', 'B']);
    expect(tone(row({ number: 'A', overdue: true }), soon)).toBe('overdue');
    expect(tone(row({ number: 'B' }), soon)).toBe('due_soon');
    expect(tone(row({ number: 'C' }), soon)).toBe('');
  });

  it('refuses a period that ends before it starts', () => {
    expect(periodProblem('2026-11-02', '2026-11-01')?.key).toBe('err_period');
    expect(periodProblem('2026-11-01', '2026-11-01')).toBeNull();
    expect(periodProblem('', '2026-11-01')).toBeNull();
  });
});

describe('moves', () => {
  it('offers the usual next step as the main action', () => {
    expect(nextMove(['rejected', 'forwarded', 'escalated'])).toBeNull();
    expect(nextMove(['rejected', 'verified', 'forwarded'])).toBe('verified');
    expect(nextMove(['waiting', 'resolved', 'escalated'])).toBe('resolved');
    expect(nextMove(['closed', 'in_progress'])).toBe('in_progress');
  });

  it('asks the reason of refusals, forwarding, escalation and waiting', () => {
    expect(noteRequired('rejected')).toBe(true);
    expect(noteRequired('forwarded')).toBe(true);
    expect(noteRequired('escalated')).toBe(true);
    expect(noteRequired('waiting')).toBe(true);
    expect(noteRequired('verified')).toBe(false);
    expect(noteRequired('resolved')).toBe(false);
  });
});

describe('figures', () => {
  it('orders breakdowns by received and keeps medians aligned', () => {
    const s = breakdownSeries(
      [
        { key: 'A', received: 1, resolved: 1, resolved_on_time: 1, median_resolution_days: 2 },
        { key: null, received: 3, resolved: 2, resolved_on_time: 1, median_resolution_days: 4.5 },
      ],
      (k) => k ?? 'none',
      { received: 'R', resolved: 'S', onTime: 'T', median: 'M' },
    );
    expect(s.labels).toEqual(['none', 'A']);
    expect(s.counts.map((c) => c.values)).toEqual([
      [3, 1],
      [2, 1],
      [1, 1],
    ]);
    expect(s.median[0]?.values).toEqual([4.5, 2]);
  });

  it('rates on time only when something was resolved', () => {
    expect(onTimeRate(0, 0)).toBeNull();
    expect(onTimeRate(4, 3)).toBe(75);
  });

  it('lists the last months across a year end', () => {
    const m = lastMonths('2027-02-10', 3);
    expect(m.map((x) => [x.from, x.to])).toEqual([
      ['2026-12-01', '2026-12-31'],
      ['2027-01-01', '2027-01-31'],
      ['2027-02-01', '2027-02-28'],
    ]);
  });

  it('counts the backlog of open statuses in lifecycle order', () => {
    const rows = [{ status: 'waiting' as const }, { status: 'received' as const }, { status: 'waiting' as const }, { status: 'closed' as const }];
    expect(backlog(rows)).toEqual([
      { status: 'received', count: 1 },
      { status: 'waiting', count: 2 },
    ]);
  });
});

describe('buildSla', () => {
  it('accepts a profile within Perpres 76/2013 limits', () => {
    expect(buildSla({ category: 'umum', name: 'Umum', respond: '2', resolve: '14' }).input).toEqual({
      category: 'UMUM',
      name: 'Umum',
      respond_days: 2,
      resolve_days: 14,
    });
  });

  it('refuses more than 60 days, respond after resolve and missing fields', () => {
    expect(buildSla({ category: 'A', name: 'A', respond: '1', resolve: '61' }).problems.map((p) => p.key)).toEqual(['err_resolve_days']);
    expect(buildSla({ category: 'A', name: 'A', respond: '6', resolve: '5' }).problems.map((p) => p.key)).toEqual(['err_respond_days']);
    expect(buildSla({ category: '', name: '', respond: 'x', resolve: '5' }).problems.map((p) => p.key)).toEqual([
      'err_category',
      'err_sla_name',
      'err_respond_days',
    ]);
  });
});
