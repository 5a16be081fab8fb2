// The period recap drawn as trends: one line per site, one point per day (null where a site has
// no row). Pure, unit-tested.
import type { PeriodDay } from '../bindings';
import type { Series } from '../chart';
import { daysBetween } from './dates';

export type DayMetric = 'served' | 'issued' | 'avg_wait_min' | 'complaint_backlog' | 'skm_score';

function value(d: PeriodDay, metric: DayMetric): number | null {
  switch (metric) {
    case 'avg_wait_min':
      return d.avg_wait_s == null ? null : Math.round((d.avg_wait_s / 60) * 10) / 10;
    case 'skm_score':
      return d.skm_score;
    default:
      return d[metric];
  }
}

/** Labels (day of month, or `DD/MM` over more than one month) and a series per site. */
export function trend(
  days: PeriodDay[],
  from: string,
  to: string,
  metric: DayMetric,
): { labels: string[]; dates: string[]; series: Series[] } {
  const dates = daysBetween(from, to);
  const oneMonth = from.slice(0, 7) === to.slice(0, 7);
  const labels = dates.map((d) => (oneMonth ? String(Number(d.slice(8))) : `${d.slice(8)}/${d.slice(5, 7)}`));
  const sites = [...new Set(days.map((d) => d.site))];
  const index = new Map(dates.map((d, i) => [d, i]));
  const series = sites.map((site) => {
    const values: (number | null)[] = dates.map(() => null);
    for (const d of days) {
      const i = index.get(d.date);
      if (d.site === site && i != null) values[i] = value(d, metric);
    }
    return { label: site, values };
  });
  return { labels, dates, series };
}
