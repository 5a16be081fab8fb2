import { describe, expect, it } from 'vitest';
import type { DailyDevice } from '../bindings';
import { translate, type Key } from '../i18n';
import { changeLabel, changeRows, formatDuration, hourSeries, isMissing, needsReview, warnings } from './recap';

const t = (key: Key, params?: Record<string, string | number>) => translate('id', key, params);
const en = (key: Key, params?: Record<string, string | number>) => translate('en', key, params);

function device(over: Partial<DailyDevice>): DailyDevice {
  return {
    device_id: 'dev-1',
    name: 'Loket 1',
    kind: 'counter',
    tickets: 0,
    complaints: 0,
    included: false,
    last_import: null,
    last_seen: null,
    this_device: false,
    skew_s: null,
    clock_warning: false,
    ...over,
  };
}

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(null, t)).toBe('–');
    expect(formatDuration(45, t)).toBe('45 dtk');
    expect(formatDuration(300, t)).toBe('5 mnt');
    expect(formatDuration(1140.4, t)).toBe('19 mnt');
    expect(formatDuration(320, t)).toBe('5 mnt 20 dtk');
    expect(formatDuration(3900, t)).toBe('1 j 05 mnt');
    expect(formatDuration(3900, en)).toBe('1 h 05 min');
  });
});

describe('changes after approval', () => {
  it('names each changed figure', () => {
    expect(changeLabel('queue.issued', t)).toBe('Antrian · Tiket diambil');
    expect(changeLabel('queue.by_service[KK].served', t)).toBe('Per layanan · KK · Dilayani');
    expect(changeLabel('officers[198503152010011003].served', t, { '198503152010011003': 'Budi' })).toBe(
      'Petugas yang bertugas · Budi · Dilayani',
    );
    expect(changeLabel('complaints.received', en)).toBe('Complaints · Received');
    expect(changeLabel('devices[abc-123].tickets', en)).toBe('Devices · abc-123 · Tickets');
    // unknown parts are shown as they are, never hidden
    expect(changeLabel('queue.by_service[KK].mystery', t)).toBe('Per layanan · KK · mystery');
    expect(changeLabel('weird', t)).toBe('weird');
  });

  it('formats the values by their kind', () => {
    const rows = changeRows(
      [
        { key: 'queue.issued', from: 4, to: 5 },
        { key: 'queue.avg_wait_s', from: 1240, to: null },
        { key: 'queue.no_show_rate', from: 0.25, to: 0.2 },
        { key: 'survey.grade', from: 'B', to: 'A' },
      ],
      t,
    );
    expect(rows.map((r) => [r.from, r.to])).toEqual([
      ['4', '5'],
      ['20 mnt 40 dtk', '–'],
      ['25%', '20%'],
      ['B', 'A'],
    ]);
  });

  it('does not list the key of a new row as a change, and names tickets not yet at a counter', () => {
    const rows = changeRows(
      [
        { key: 'queue.by_hour[14].key', from: null, to: 14 },
        { key: 'queue.by_hour[14].issued', from: null, to: 1 },
        { key: 'queue.by_counter[-].waiting', from: null, to: 1 },
      ],
      t,
    );
    expect(rows.map((r) => r.key)).toEqual(['queue.by_hour[14].issued', 'queue.by_counter[-].waiting']);
    expect(rows[1]?.label).toContain('belum di loket');
  });
});

describe('devices and warnings', () => {
  it('marks a site device without data as missing, never this device', () => {
    expect(isMissing(device({}))).toBe(true);
    expect(isMissing(device({ included: true, tickets: 3 }))).toBe(false);
    expect(isMissing(device({ this_device: true }))).toBe(false);
  });

  it('writes warnings in the reader language and keeps unknown ones', () => {
    const list = warnings(
      {
        devices: [
          device({ name: 'Laptop Keliling', last_import: '2026-11-20T03:00:00Z' }),
          device({ device_id: 'd2', name: 'Loket 2', included: true, tickets: 4, clock_warning: true, skew_s: -420 }),
        ],
        warnings: [
          'no data from device Laptop Keliling for this day (last file imported: x); is a file missing?',
          'the clock of device Loket 2 looks wrong (about -420 s off); check its times',
          '2 ticket(s) from device Loket 2 have steps out of time order (clock changed?)',
          'something new',
        ],
      },
      t,
      () => '20 Nov 2026 10.00 WIB',
    );
    expect(list).toEqual([
      'Tidak ada data dari perangkat Laptop Keliling untuk hari ini (berkas terakhir diimpor: 20 Nov 2026 10.00 WIB). Apakah ada berkas yang belum diimpor?',
      'Jam perangkat Loket 2 tampaknya salah (selisih sekitar 420 detik); periksa waktunya.',
      '2 tiket dari perangkat Loket 2 langkahnya tidak berurutan waktu (jam perangkat diubah?).',
      'something new',
    ]);
  });
});

describe('days and hours', () => {
  it('needs review only when a day has data and is not approved', () => {
    const day = { issued: 0, complaints_received: 0, survey_respondents: 0 };
    expect(needsReview({ ...day, status: 'draft' })).toBe(false);
    expect(needsReview({ ...day, issued: 3, status: 'draft' })).toBe(true);
    expect(needsReview({ ...day, survey_respondents: 1, status: 'reviewed' })).toBe(true);
    expect(needsReview({ ...day, issued: 3, status: 'approved' })).toBe(false);
  });

  it('fills empty hours between the first and the last', () => {
    expect(
      hourSeries([
        { key: '08', issued: 3, served: 2 },
        { key: '10', issued: 1, served: 1 },
      ]),
    ).toEqual({ labels: ['08', '09', '10'], issued: [3, 0, 1], served: [2, 0, 1] });
    expect(hourSeries([])).toEqual({ labels: [], issued: [], served: [] });
  });
});
