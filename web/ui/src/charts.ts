/** Chart building blocks: D3 computes scales, React renders SVG, sized by the container. */
export { BreakdownChart, type BreakdownChartProps } from './charts/BreakdownChart';
export {
  type BreakdownItem,
  type BreakdownSort,
  bucketOthers,
  nextSort,
  OTHER_KEY,
  sortBreakdown,
} from './charts/breakdown-model';
export { ChartFrame, type ChartFrameProps } from './charts/ChartFrame';
export { type Bar, HorizontalBarChart, type HorizontalBarChartProps } from './charts/HorizontalBarChart';
export { TimeSeriesChart, type TimeSeriesChartProps } from './charts/TimeSeriesChart';
export type { TimePoint } from './charts/time-series-model';
export { type Size, useContainerSize } from './charts/useContainerSize';
