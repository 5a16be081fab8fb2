import { describe, expect, it } from 'vitest';
import {
  change,
  checkExportPath,
  checkTraining,
  duration,
  exportName,
  jpPercent,
  jpSummary,
  parseJp,
  periodOf,
  sampleFlag,
  shares,
  trainingArgs,
  versusMedian,
  withWarnings,
  type TrainingForm,
} from './logic';

describe('periodOf', () => {
  it('gives whole months, quarters and years', () => {
    expect(periodOf('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('prev_month', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodOf('quarter', '2026-11-23')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('year', '2026-11-23')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('versusMedian', () => {
  it('judges against the median in the right direction', () => {
    expect(versusMedian(12, 10, true)).toBe('better');
    expect(versusMedian(12, 10, false)).toBe('worse');
    expect(versusMedian(300, 400, false)).toBe('better');
    expect(versusMedian(10.4, 10, true)).toBe('same');
    expect(versusMedian(null, 10, true)).toBe('none');
    expect(versusMedian(3, null, true)).toBe('none');
    expect(versusMedian(0, 0, true)).toBe('same');
  });
});

describe('duration', () => {
  it('prints m:ss and h:mm:ss', () => {
    expect(duration(65)).toBe('1:05');
    expect(duration(3725)).toBe('1:02:05');
    expect(duration(null)).toBe('–');
  });
});

describe('JP', () => {
  it('parses decimals with a dot or a comma, at most two places', () => {
    expect(parseJp('1,5')).toBe(1.5);
    expect(parseJp(' 2.25 ')).toBe(2.25);
    expect(parseJp('20')).toBe(20);
    expect(parseJp('0')).toBeNull();
    expect(parseJp('1.234')).toBeNull();
    expect(parseJp('2001')).toBeNull();
    expect(parseJp('dua')).toBeNull();
  });

  it('sums the tracker', () => {
    const base = { cap: null, over_cap: 0, type: 'PNS' };
    const rows = [
      { ...base, jp: 12.5, target: 20, shortfall: 7.5, behind: true },
      { ...base, jp: 24, target: 20, shortfall: 0, behind: false },
      { ...base, jp: 0.1, target: 20, shortfall: 19.9, behind: true },
      { ...base, type: 'PPPK', cap: 24, over_cap: 2, jp: 26, target: 0, shortfall: 0, behind: false },
    ];
    expect(jpSummary(rows)).toEqual({ officers: 4, behind: 2, missing: 27.4, overCap: 1 });
    expect(jpPercent(12.5, 20)).toBe(63);
    expect(jpPercent(30, 20)).toBe(100);
    expect(jpPercent(3, 0)).toBe(100);
  });
});

describe('competency record form', () => {
  const ok: TrainingForm = {
    nip: '199107142015032001',
    title: 'Bimtek SIAK',
    kind: 'klasikal',
    form: 'bimtek',
    provider: '',
    start: '',
    date: '2026-11-20',
    unit: 'jp',
    amount: '1,5',
  };
  it('accepts a good record and builds the arguments', () => {
    expect(checkTraining(ok)).toEqual([]);
    expect(trainingArgs(ok)).toEqual({
      nip: ok.nip,
      title: 'Bimtek SIAK',
      kind: 'klasikal',
      form: 'bimtek',
      provider: undefined,
      start: undefined,
      date: '2026-11-20',
      jp: 1.5,
    });
    expect(trainingArgs({ ...ok, unit: 'minutes', amount: '90' })).toMatchObject({ minutes: 90 });
  });
  it('names each bad field', () => {
    const errs = checkTraining({ ...ok, title: ' ', date: '2026-02-30', amount: 'x' });
    expect(errs.map((e) => `${e.field}:${e.key}`)).toEqual(['title:required', 'date:date', 'amount:jp']);
    expect(checkTraining({ ...ok, start: '2026-11-21' })).toEqual([{ field: 'start', key: 'order' }]);
    expect(checkTraining({ ...ok, unit: 'minutes', amount: '0' })).toEqual([{ field: 'amount', key: 'minutes' }]);
  });
});

describe('samples and changes', () => {
  it('flags small samples', () => {
    expect(sampleFlag(0)).toBe('empty');
    expect(sampleFlag(9)).toBe('small');
    expect(sampleFlag(10)).toBe('ok');
  });
  it('computes changes and shares', () => {
    expect(change(400, 300)).toBe(-25);
    expect(change(0, 3)).toBeNull();
    expect(change(null, 3)).toBeNull();
    expect(shares([0, 0, 1, 2, 1])).toEqual([0, 0, 25, 50, 25]);
    expect(shares([0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('exports', () => {
  it('names files safely and checks typed paths', () => {
    expect(exportName(['Kinerja', '2026-11-01', '2026-11-30'], 'xlsx')).toBe('kinerja-2026-11-01-2026-11-30.xlsx');
    expect(exportName(['Program: Pelayanan Prima'], 'pdf')).toBe('program-pelayanan-prima.pdf');
    expect(checkExportPath('', 'xlsx')).toBe('empty');
    expect(checkExportPath('jp.xlsx', 'xlsx')).toBe('relative');
    expect(checkExportPath('/tmp/jp.pdf', 'xlsx')).toBe('extension');
    expect(checkExportPath('/tmp/jp.XLSX', 'xlsx')).toBeNull();
    expect(checkExportPath('C:\\Data\\jp.xlsx', 'xlsx')).toBeNull();
  });
});

describe('withWarnings', () => {
  it('appends the warnings only when there are some', () => {
    expect(withWarnings('Tersimpan.', [], (w) => `Perhatian: ${w}`)).toBe('Tersimpan.');
    expect(withWarnings('Tersimpan.', ['a.', 'b.'], (w) => `Perhatian: ${w}`)).toBe('Tersimpan. Perhatian: a. b.');
  });
});
