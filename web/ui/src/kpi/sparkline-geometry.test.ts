import { describe, expect, it } from 'vitest';
import { SPARK_PAD, sparkGeometry } from './sparkline-geometry';

const points = (...values: (number | null)[]) => values.map((value, i) => ({ period: `p${i}`, value }));

describe('sparkline geometry', () => {
  it('spans the box and keeps the target in view', () => {
    const g = sparkGeometry(points(1, 2, 3), 10, 100, 40);
    expect(g.path.startsWith(`M${SPARK_PAD},`)).toBe(true);
    expect(g.last?.x).toBe(100 - SPARK_PAD);
    expect(g.targetY).toBeGreaterThanOrEqual(SPARK_PAD);
    expect(g.targetY).toBeLessThan(g.last?.y ?? 0);
  });

  it('leaves gaps for periods without a value and has no dot when the last is missing', () => {
    const g = sparkGeometry(points(1, null, 3, null), undefined, 100, 40);
    expect(g.path.match(/M/g)).toHaveLength(2);
    expect(g.last).toBeUndefined();
    expect(g.targetY).toBeUndefined();
  });

  it('draws nothing, without failing, for no values or a flat line', () => {
    expect(sparkGeometry(points(null, null), null, 100, 40).path).toBe('');
    expect(sparkGeometry([], 5, 100, 40).path).toBe('');
    const flat = sparkGeometry(points(0, 0, 0), undefined, 100, 40);
    expect(flat.last?.y).toBeGreaterThan(SPARK_PAD);
    expect(flat.last?.y).toBeLessThan(40 - SPARK_PAD);
  });
});
