import { describe, expect, it } from 'vitest';
import { bandSpans, stepFocus, tickIndexes, valueDomain, zoomWindow } from './time-series-model';

const p = (value: number | null, previousYear?: number | null) => ({ period: 'x', value, previousYear });

describe('time-series chart model', () => {
  it('fits values, last year and the target, with room', () => {
    expect(valueDomain([p(10), p(20)])).toEqual([9.2, 20.8]);
    expect(valueDomain([p(10), p(null, 30)], 0)).toEqual([-2.4, 32.4]);
    expect(valueDomain([p(null), p(Number.NaN)])).toEqual([0, 1]);
    expect(valueDomain([p(5)])).toEqual([4.6, 5.4]);
    expect(valueDomain([p(0)])).toEqual([-0.08, 0.08]);
  });

  it('lays the bands out by direction, clipped to the domain', () => {
    const t = { good: 95, warning: 90, critical: 85 };
    expect(bandSpans(t, 'higher-is-better', [80, 100])).toEqual([
      { band: 'critical', from: 80, to: 85 },
      { band: 'warning', from: 85, to: 95 },
      { band: 'good', from: 95, to: 100 },
    ]);
    const down = { good: 2, warning: 4, critical: 6 };
    expect(bandSpans(down, 'lower-is-better', [0, 5])).toEqual([
      { band: 'good', from: 0, to: 2 },
      { band: 'warning', from: 2, to: 5 },
    ]);
    expect(bandSpans(t, 'higher-is-better', [96, 99])).toEqual([{ band: 'good', from: 96, to: 99 }]);
    expect(bandSpans(undefined, 'higher-is-better', [0, 1])).toEqual([]);
  });

  it('rounds a brush to whole periods, never narrower than three', () => {
    expect(zoomWindow(2.4, 7.6, 24)).toEqual([2, 8]);
    expect(zoomWindow(7.6, 2.4, 24)).toEqual([2, 8]);
    expect(zoomWindow(5.1, 5.2, 24)).toEqual([4, 6]);
    expect(zoomWindow(0, 0.2, 24)).toEqual([0, 2]);
    expect(zoomWindow(23, 23.4, 24)).toEqual([21, 23]);
    expect(zoomWindow(-5, 40, 24)).toEqual([0, 23]);
    expect(zoomWindow(0, 1, 2)).toBeUndefined();
  });

  it('moves the focus by key inside the window', () => {
    const w = [2, 9] as const;
    expect(stepFocus(undefined, 'ArrowLeft', w)).toBe(8);
    expect(stepFocus(5, 'ArrowRight', w)).toBe(6);
    expect(stepFocus(9, 'ArrowRight', w)).toBe(9);
    expect(stepFocus(2, 'ArrowLeft', w)).toBe(2);
    expect(stepFocus(5, 'Home', w)).toBe(2);
    expect(stepFocus(5, 'End', w)).toBe(9);
    expect(stepFocus(0, 'ArrowRight', w)).toBe(3);
    expect(stepFocus(5, 'PageUp', w)).toBe(2);
    expect(stepFocus(5, 'Enter', w)).toBeUndefined();
  });

  it('labels every period that fits, counting back from the last', () => {
    expect(tickIndexes([0, 11], 1000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(tickIndexes([0, 23], 320)).toEqual([3, 8, 13, 18, 23]);
    expect(tickIndexes([5, 4], 320)).toEqual([]);
  });
});
