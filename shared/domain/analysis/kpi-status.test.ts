import { describe, expect, it } from 'vitest';
import { kpiStatus } from './kpi-status';

describe('KPI status bands', () => {
  const up = { good: 95, warning: 90, critical: 85 };
  const down = { good: 2, warning: 4, critical: 6 };

  it('higher is better: good at or above good, critical at or below critical', () => {
    expect([96, 95, 90, 85.01, 85, 10].map((v) => kpiStatus(v, 'higher-is-better', up))).toEqual([
      'good',
      'good',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
  });

  it('lower is better: mirrored', () => {
    expect([1, 2, 3, 6, 9].map((v) => kpiStatus(v, 'lower-is-better', down))).toEqual([
      'good',
      'good',
      'warning',
      'critical',
      'critical',
    ]);
  });

  it('no value is its own status', () => {
    expect(kpiStatus(null, 'higher-is-better', up)).toBe('no-value');
    expect(kpiStatus(Number.NaN, 'lower-is-better', down)).toBe('no-value');
  });
});
