import { describe, expect, it } from 'vitest';
import { formatKpiQuantity, formatKpiValue, periodChange } from './kpi-reading';

describe('KPI reading', () => {
  it('formats a value with the catalog specifier, a dash for no value, a plain fallback for a bad specifier', () => {
    expect(formatKpiValue(95.04, '.1f')).toBe('95.0');
    expect(formatKpiValue(1234567, ',.0f')).toBe('1,234,567');
    expect(formatKpiValue(3.5, '+.1f')).toBe('+3.5');
    expect(formatKpiValue(null, ',.0f')).toBe('—');
    expect(formatKpiValue(undefined, ',.0f')).toBe('—');
    expect(formatKpiValue(Number.NaN, ',.0f')).toBe('—');
    expect(formatKpiValue(Number.POSITIVE_INFINITY, ',.0f')).toBe('—');
    expect(formatKpiValue(2.5, 'not a format')).toBe('2.5');
    expect(formatKpiValue(1234.567, 'not a format')).toBe('1,234.57');
  });

  it('writes the unit label after the number: attached for % and ×, spaced otherwise, never after a dash', () => {
    expect(formatKpiQuantity(95.04, '.1f', '%')).toBe('95.0%');
    expect(formatKpiQuantity(1.3, '.2f', '×')).toBe('1.30×');
    expect(formatKpiQuantity(3.25, '.1f', 'days')).toBe('3.3 days');
    expect(formatKpiQuantity(12, ',.0f', '')).toBe('12');
    expect(formatKpiQuantity(null, '.1f', 'days')).toBe('—');
  });

  it('judges a change by the direction: a rise is better when higher is better, worse when lower is', () => {
    expect(periodChange(110, 100, 'higher-is-better')).toEqual({ delta: 10, ratio: 0.1, tone: 'better' });
    expect(periodChange(110, 100, 'lower-is-better')).toEqual({ delta: 10, ratio: 0.1, tone: 'worse' });
    expect(periodChange(90, 100, 'lower-is-better')?.tone).toBe('better');
    expect(periodChange(90, 100, 'higher-is-better')?.tone).toBe('worse');
    expect(periodChange(100, 100, 'lower-is-better')).toEqual({ delta: 0, ratio: 0, tone: 'flat' });
  });

  it('measures the ratio against the size of a negative previous value', () => {
    expect(periodChange(-5, -10, 'higher-is-better')).toEqual({ delta: 5, ratio: 0.5, tone: 'better' });
  });

  it('has a delta but no ratio from a zero previous value, and no change without both values', () => {
    expect(periodChange(4, 0, 'higher-is-better')).toEqual({ delta: 4, ratio: undefined, tone: 'better' });
    expect(periodChange(0, 0, 'higher-is-better')?.tone).toBe('flat');
    expect(periodChange(null, 3, 'higher-is-better')).toBeUndefined();
    expect(periodChange(3, null, 'higher-is-better')).toBeUndefined();
    expect(periodChange(3, undefined, 'lower-is-better')).toBeUndefined();
    expect(periodChange(Number.NaN, 3, 'lower-is-better')).toBeUndefined();
  });
});
