import type { KpiResultList, ResultGrain } from '@kpi/shared/contracts/calculation';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import { formatKpiQuantity } from '@kpi/shared/domain/analysis/kpi-reading';
import { useApi } from '@kpi/web-ui/api';
import { TimeSeriesChart } from '@kpi/web-ui/charts';
import { ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useMemo, useRef } from 'react';
import { useLicense } from '../license/LicenseContext';
import { BreakdownPanel } from './BreakdownPanel';
import { periodKeys, resultsByKpi, seriesRows, timePoints } from './dashboard-model';
import styles from './dashboards.module.css';
import { ExportButtons } from './ExportButtons';
import { PeriodPicker } from './PeriodPicker';
import { GRAIN_LABEL } from './periods';
import { usePeriodParams } from './usePeriodParams';

/**
 * A KPI's values on its detail page: the time series with target, bands and last year's line, the
 * drill-down by its dimensions for the chosen period, and the exports of both.
 */
export function KpiValues({ kpi }: { kpi: ClientKpi }) {
  const { grain, period, setPeriod } = usePeriodParams();
  const { data, error, loading, reload } = useApi<KpiResultList>(
    `calculation/results?grain=${grain}&kpis=${encodeURIComponent(kpi.id)}`,
  );
  const periods = useMemo(
    () => resultsByKpi(data?.items ?? [], grain).get(kpi.id) ?? [],
    [data, grain, kpi.id],
  );
  const keys = useMemo(() => periodKeys(new Map([[kpi.id, periods]])), [kpi.id, periods]);
  const shown = period ?? keys[0];
  return (
    <div className={styles.values}>
      <div className={styles.pickerRow}>
        <PeriodPicker grain={grain} period={period} periods={keys} onChange={setPeriod} />
      </div>
      {loading ? (
        <Loading label="Loading the values…" />
      ) : error && !data ? (
        <ErrorPanel
          title="The KPI's values could not be read"
          error={error}
          action={{ label: 'Retry', onClick: reload }}
        />
      ) : periods.length === 0 ? (
        <Panel title="Values">
          <p data-testid="no-values">No values yet: the calculation engine has not computed this KPI.</p>
        </Panel>
      ) : (
        <>
          <SeriesPanel kpi={kpi} grain={grain} period={shown} periods={periods} />
          {shown && <BreakdownPanel kpi={kpi} grain={grain} period={shown} />}
        </>
      )}
    </div>
  );
}

function SeriesPanel(props: {
  kpi: ClientKpi;
  grain: ResultGrain;
  period: string | undefined;
  periods: Parameters<typeof seriesRows>[1];
}) {
  const { kpi, grain, period, periods } = props;
  const tenant = useLicense().status?.tenantId ?? '';
  const svg = useRef<SVGSVGElement>(null);
  const points = useMemo(() => timePoints(periods), [periods]);
  const format = useMemo(
    () => (v: number) => formatKpiQuantity(v, kpi.format, kpi.unitLabel),
    [kpi.format, kpi.unitLabel],
  );
  const title = `${kpi.name} by ${GRAIN_LABEL[grain].toLowerCase()}`;
  return (
    <Panel
      title="Over time"
      subtitle={`${periods.length} periods · target, bands and last year`}
      actions={
        <ExportButtons
          svg={svg}
          title={title}
          rows={() => seriesRows(kpi, periods)}
          name={{ tenant, dashboard: kpi.name, part: `by ${grain}`, ...(period ? { period } : {}) }}
          label={title}
        />
      }
    >
      <div data-testid="kpi-chart">
        <TimeSeriesChart
          title={title}
          points={points}
          target={kpi.target}
          thresholds={kpi.thresholds}
          direction={kpi.direction}
          format={format}
          svgRef={svg}
        />
      </div>
    </Panel>
  );
}
