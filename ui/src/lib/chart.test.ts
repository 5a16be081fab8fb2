import { describe, expect, it } from 'vitest';
import { labelStride, niceScale, seriesMax, tickValues } from './chart';

describe('niceScale', () => {
  it('rounds the top up to a 1-2-5 step', () => {
    expect(niceScale(87)).toEqual({ top: 100, step: 50 });
    expect(niceScale(7, 4)).toEqual({ top: 8, step: 2 });
    expect(niceScale(1234, 4)).toEqual({ top: 1500, step: 500 });
  });

  it('gives a unit scale for empty or zero data', () => {
    expect(niceScale(0)).toEqual({ top: 1, step: 0.25 });
    expect(niceScale(Number.NaN).top).toBe(1);
  });

  it('handles fractions', () => {
    const { top, step } = niceScale(3.4, 4);
    expect(step).toBe(1);
    expect(top).toBe(4);
  });
});

describe('tickValues', () => {
  it('lists 0..top by step without float noise', () => {
    expect(tickValues(1, 0.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(tickValues(100, 50)).toEqual([0, 50, 100]);
  });
});

describe('seriesMax / labelStride', () => {
  it('ignores nulls and non-finite values', () => {
    expect(seriesMax([{ label: 'a', values: [1, null, 5] }, { label: 'b', values: [Number.NaN, 3] }])).toBe(5);
    expect(seriesMax([])).toBe(0);
  });

  it('thins labels to the room available', () => {
    expect(labelStride(10, 20)).toBe(1);
    expect(labelStride(31, 10)).toBe(4);
  });
});
