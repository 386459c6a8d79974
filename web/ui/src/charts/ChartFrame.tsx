import type { ReactNode } from 'react';
import { type Size, useContainerSize } from './useContainerSize';

export interface ChartFrameProps {
  /** Height of the chart area in pixels; the width follows the container. */
  height: number;
  /** Draws the chart for the measured size (called only once the width is known). */
  children: (size: Size) => ReactNode;
  className?: string;
}

/** Measures its container so D3 scales can be computed for the real width (rule 8: D3 computes, React renders). */
export function ChartFrame({ height, children, className }: ChartFrameProps) {
  const [ref, size] = useContainerSize<HTMLDivElement>();
  return (
    <div ref={ref} className={className} style={{ width: '100%', height, position: 'relative' }}>
      {size.width > 0 && children({ width: size.width, height })}
    </div>
  );
}
