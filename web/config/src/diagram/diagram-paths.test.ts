import { describe, expect, it } from 'vitest';
import { exportFileName, fitTransform, pathOf, slug } from './diagram-paths';

describe('pathOf', () => {
  it('draws straight segments through the points, rounded to a tenth', () => {
    expect(
      pathOf([
        { x: 0, y: 0 },
        { x: 10.26, y: 0 },
        { x: 10.26, y: 33.333 },
      ]),
    ).toBe('M0,0L10.3,0L10.3,33.3');
  });
});

describe('file names', () => {
  it('slugs the configuration name', () => {
    expect(slug('Contoso Retail — Q3 pilot')).toBe('contoso-retail-q3-pilot');
    expect(slug('Café Crème')).toBe('cafe-creme');
    expect(slug('—')).toBe('diagram');
  });

  it('names what the diagram shows', () => {
    expect(exportFileName('Contoso Retail', 'selection', 'svg')).toBe('contoso-retail-required-objects.svg');
    expect(exportFileName(undefined, 'all', 'png')).toBe('kpi-catalog-data-model.png');
  });
});

describe('fitTransform', () => {
  it('scales down to fit and centres', () => {
    const t = fitTransform(2000, 1000, 1000, 800, { margin: 0 });
    expect(t.k).toBe(0.5);
    expect(t.x).toBe(0);
    expect(t.y).toBe(150);
  });

  it('never enlarges beyond the maximum scale', () => {
    expect(fitTransform(100, 100, 1000, 800).k).toBe(1);
  });

  it('fits above what covers the bottom of the view (the key-hint caption)', () => {
    // Height-bound: 1000 px of diagram into 800 px less a 40 px caption and a 10 px margin each side.
    const t = fitTransform(1000, 1000, 2000, 800, { margin: 10, bottomInset: 40 });
    expect(t.k).toBeCloseTo(0.74);
    expect(t.y).toBeCloseTo(10);
    expect(t.y + 1000 * t.k).toBeCloseTo(800 - 40 - 10);
  });

  it('is the identity for an empty view', () => {
    expect(fitTransform(100, 100, 0, 0)).toEqual({ x: 0, y: 0, k: 1 });
  });
});
