import { describe, expect, it } from 'vitest';
import { pngScale } from './svg-image';

describe('pngScale', () => {
  it('is 2× for a picture that fits the pixel budget', () => {
    expect(pngScale(1000, 800)).toBe(2);
  });

  it('shrinks so the image stays within the budget', () => {
    const scale = pngScale(8000, 4000, 64_000_000);
    expect(scale).toBeLessThan(2);
    expect(8000 * scale * 4000 * scale).toBeCloseTo(64_000_000, -3);
  });
});
