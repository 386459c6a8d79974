/** Chart building blocks: D3 computes scales, React renders SVG, sized by the container. */
export { ChartFrame, type ChartFrameProps } from './charts/ChartFrame';
export { type Bar, HorizontalBarChart, type HorizontalBarChartProps } from './charts/HorizontalBarChart';
export { type Size, useContainerSize } from './charts/useContainerSize';
