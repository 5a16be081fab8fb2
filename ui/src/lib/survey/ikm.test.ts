import { describe, expect, it } from 'vitest';
import { argsFor, emptyForm, reportName, sampleState, shares } from './ikm';

describe('IKM selection', () => {
  it('sends only the fields given, trimmed', () => {
    expect(argsFor(emptyForm())).toEqual({ ok: true, args: {} });
    const f = { ...emptyForm(), from: '2026-11-01', to: '2026-11-30', service: ' KTP ', population: '1.200' };
    expect(argsFor(f)).toEqual({ ok: true, args: { from: '2026-11-01', to: '2026-11-30', service: 'KTP', population: 1200 } });
  });

  it('refuses a reversed period and a population that is not a whole number', () => {
    expect(argsFor({ ...emptyForm(), from: '2026-12-01', to: '2026-11-01' })).toEqual({ ok: false, error: 'survey.bad_range' });
    for (const p of ['0', '-3', '12,5', 'banyak']) {
      expect(argsFor({ ...emptyForm(), population: p })).toEqual({ ok: false, error: 'survey.bad_population' });
    }
  });

  it('warns when respondents are fewer than the sample', () => {
    expect(sampleState({ population: null, sample_size: null, respondents: 3 })).toEqual({ kind: 'unknown' });
    expect(sampleState({ population: 100, sample_size: 80, respondents: 79 })).toEqual({
      kind: 'short',
      population: 100,
      sample: 80,
      respondents: 79,
    });
    expect(sampleState({ population: 100, sample_size: 80, respondents: 80 }).kind).toBe('enough');
  });

  it('computes shares and report names', () => {
    expect(shares([['P', 2], ['L', 1]])).toEqual([
      { value: 'P', count: 2, pct: 66.7 },
      { value: 'L', count: 1, pct: 33.3 },
    ]);
    expect(shares([])).toEqual([]);
    expect(reportName({ from: '2026-11-01', to: '2026-11-30', service: 'KTP' }, 'pdf')).toBe('SKM-2026-11-01_2026-11-30-KTP.pdf');
    expect(reportName({}, 'xlsx')).toBe('SKM-semua.xlsx');
  });
});
