import { Panel } from '@kpi/web-ui/layout';
import { useMemo } from 'react';
import { ContextChart } from './ContextChart';
import styles from './deployment.module.css';
import { FocusChart, type SeriesSpec } from './FocusChart';
import { clampZoom, type MetricPoint, splitAtGaps } from './series';

// Accessors at module level: stable identities keep the charts' memoised scales and paths.
const latency: SeriesSpec[] = [
  { key: 'p50', label: 'p50', colour: '#2f5bd3', value: (p) => p.p50 },
  { key: 'p95', label: 'p95', colour: '#b26a00', value: (p) => p.p95 },
];
const errorRate: SeriesSpec[] = [
  { key: 'errorRate', label: 'errors', colour: '#b3261e', value: (p) => p.errorRate },
];
const memory: SeriesSpec[] = [{ key: 'memory', label: 'RSS', colour: '#1d7a46', value: (p) => p.memoryMb }];

/** Quick zooms for keyboard users (the brush needs a pointer). */
const presets = [
  { label: 'Last 5 min', ms: 5 * 60_000 },
  { label: 'Last 30 min', ms: 30 * 60_000 },
];

export interface MetricChartsProps {
  points: MetricPoint[];
  /** Longest silence still drawn as one line (the deployment's period + grace, ms); longer ones break it. */
  maxGapMs: number;
  /** The full time domain (ms). */
  domain: readonly [number, number];
  /** The brushed range (ms), owned by the page so the timeline can show it; undefined: not zoomed. */
  selection: [number, number] | undefined;
  onSelect(selection: [number, number] | undefined): void;
}

/**
 * Latency, error-rate and memory charts over one shared time domain, with an overview below whose brush
 * zooms all three. Double-click (or "Show all") resets.
 */
export function MetricCharts({
  points,
  maxGapMs,
  domain,
  selection,
  onSelect: setSelection,
}: MetricChartsProps) {
  const runs = useMemo(() => splitAtGaps(points, maxGapMs), [points, maxGapMs]);
  const zoom = clampZoom(selection, domain);
  const focus = useMemo<readonly [number, number]>(
    () => (zoom ? [zoom[0], zoom[1]] : [domain[0], domain[1]]),
    [zoom?.[0], zoom?.[1], domain[0], domain[1]],
  );
  const reset = () => setSelection(undefined);
  return (
    <Panel
      title="Metrics"
      subtitle={zoom ? 'zoomed — double-click a chart to show all' : 'drag across the overview to zoom'}
      actions={
        <fieldset className={styles.zoomButtons} aria-label="Zoom">
          {presets.map((p) => (
            <button
              key={p.label}
              type="button"
              className="kpi-button"
              onClick={() => setSelection([domain[1] - p.ms, domain[1]])}
              disabled={domain[1] - domain[0] <= p.ms}
            >
              {p.label}
            </button>
          ))}
          <button type="button" className="kpi-button" onClick={reset} disabled={!zoom}>
            Show all
          </button>
        </fieldset>
      }
    >
      <div className={styles.charts}>
        <FocusChart
          title="Latency"
          unit="ms"
          series={latency}
          points={points}
          runs={runs}
          domain={focus}
          onReset={reset}
          testId="chart-latency"
        />
        <FocusChart
          title="Error rate"
          unit="%"
          series={errorRate}
          points={points}
          runs={runs}
          domain={focus}
          onReset={reset}
          testId="chart-errors"
        />
        <FocusChart
          title="Memory"
          unit="MB"
          series={memory}
          points={points}
          runs={runs}
          domain={focus}
          onReset={reset}
          testId="chart-memory"
        />
        <ContextChart points={points} runs={runs} domain={domain} zoom={zoom} onBrush={setSelection} />
      </div>
    </Panel>
  );
}
