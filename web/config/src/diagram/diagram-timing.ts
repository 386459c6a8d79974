/**
 * User Timing marks of the diagram, readable in DevTools' performance panel and by the benchmark:
 * `diagram:layout` (ELK graph built, laid out in the worker, converted), `diagram:draw` (SVG built by D3,
 * styled and laid out by the browser) and `diagram:render` (from the start of the layout to the end of the
 * drawing, React's commit in between included).
 */
export const MARKS = {
  layoutStart: 'diagram:layout-start',
  layoutEnd: 'diagram:layout-end',
  drawStart: 'diagram:draw-start',
  drawEnd: 'diagram:draw-end',
} as const;

export const MEASURES = { layout: 'diagram:layout', draw: 'diagram:draw', render: 'diagram:render' } as const;

export function mark(name: string): void {
  performance.mark(name);
}

/** Measures between two marks; the duration in ms, or undefined if a mark is missing. */
export function measure(name: string, start: string, end: string): number | undefined {
  try {
    return performance.measure(name, start, end).duration;
  } catch {
    // A mark can be missing when a layout is superseded before it is drawn.
    return undefined;
  }
}
