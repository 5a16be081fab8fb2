import { describe, expect, it } from 'vitest';
import type { PeriodDay } from '../bindings';
import { trend } from './period';

function day(site: string, date: string, over: Partial<PeriodDay> = {}): PeriodDay {
  return {
    date,
    site,
    issued: 10,
    served: 8,
    no_show: 1,
    avg_wait_s: 600,
    worst_wait_s: 1200,
    avg_service_s: 300,
    complaints_received: 1,
    complaints_resolved: 0,
    complaint_backlog: 2,
    complaints_overdue: 0,
    survey_respondents: 3,
    skm_score: 82.5,
    skm_grade: 'B',
    status: 'draft',
    ...over,
  };
}

describe('period trends', () => {
  it('draws one line per site over every day, with gaps where a site has no row', () => {
    const days = [day('A', '2026-11-01'), day('A', '2026-11-03', { served: 5 }), day('B', '2026-11-02', { served: 7 })];
    const r = trend(days, '2026-11-01', '2026-11-03', 'served');
    expect(r.labels).toEqual(['1', '2', '3']);
    expect(r.series).toEqual([
      { label: 'A', values: [8, null, 5] },
      { label: 'B', values: [null, 7, null] },
    ]);
  });

  it('shows waits in minutes and keeps missing SKM as a gap', () => {
    const days = [day('A', '2026-11-30', { avg_wait_s: 90, skm_score: null }), day('A', '2026-12-01', { avg_wait_s: null })];
    expect(trend(days, '2026-11-30', '2026-12-01', 'avg_wait_min')).toMatchObject({
      labels: ['30/11', '01/12'],
      series: [{ values: [1.5, null] }],
    });
    expect(trend(days, '2026-11-30', '2026-12-01', 'skm_score').series[0]?.values).toEqual([null, 82.5]);
  });
});
