/** Small geometry helpers of the drawing. Pure. */
import { fileSlug } from '@kpi/web-ui/export/file-name';
import type { Point } from './diagram-layout';

/** An SVG path through the points (orthogonal segments: straight lines between bend points). */
export function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join('');
}

/** One decimal is finer than a pixel at any zoom a user reads at, and keeps exported SVGs small. */
export const round = (n: number) => Math.round(n * 10) / 10;

/** A file-name friendly slug: `Contoso Retail — Q3` → `contoso-retail-q3`. */
export function slug(text: string): string {
  return fileSlug(text) || 'diagram';
}

/** The export's file name: the configuration's name (or the catalog) and what the diagram shows. */
export function exportFileName(
  configurationName: string | undefined,
  scope: 'selection' | 'all',
  ext: string,
) {
  const base = slug(configurationName ?? 'kpi-catalog');
  return `${base}-${scope === 'all' ? 'data-model' : 'required-objects'}.${ext}`;
}

/**
 * The zoom that fits a `width × height` diagram into a `viewWidth × viewHeight` view with a margin, above
 * `bottomInset` pixels at the bottom of the view that something covers (the key-hint caption).
 */
export function fitTransform(
  width: number,
  height: number,
  viewWidth: number,
  viewHeight: number,
  { margin = 16, maxScale = 1, bottomInset = 0 } = {},
): { x: number; y: number; k: number } {
  const usableHeight = viewHeight - Math.max(0, bottomInset);
  if (width <= 0 || height <= 0 || viewWidth <= 0 || usableHeight <= 0) return { x: 0, y: 0, k: 1 };
  const k = Math.max(
    1e-3,
    Math.min(maxScale, (viewWidth - 2 * margin) / width, (usableHeight - 2 * margin) / height),
  );
  return { x: (viewWidth - width * k) / 2, y: (usableHeight - height * k) / 2, k };
}
