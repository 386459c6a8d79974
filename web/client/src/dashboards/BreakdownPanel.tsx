import type { ResultGrain } from '@kpi/shared/contracts/calculation';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import { formatKpiQuantity } from '@kpi/shared/domain/analysis/kpi-reading';
import { useApi } from '@kpi/web-ui/api';
import { BreakdownChart } from '@kpi/web-ui/charts';
import { ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useMemo, useRef, useState } from 'react';
import { useLicense } from '../license/LicenseContext';
import { breakdownItems, breakdownRows, type KpiBreakdown } from './dashboard-model';
import styles from './dashboards.module.css';
import { ExportButtons } from './ExportButtons';
import { periodLabel } from './periods';

export interface BreakdownPanelProps {
  kpi: ClientKpi;
  grain: ResultGrain;
  /** The period split. */
  period: string;
}

/** The last segment of a dimension path, for people: `Shipment.carrier.name` → `carrier name`. */
const dimensionLabel = (path: string) => path.split('.').slice(1).join(' ');

/**
 * Fields of the KPI's own object first: they split the data the KPI already reads, while a path through a
 * relationship also needs the related object in the deployment's catalog snapshot and lake.
 */
const byDepth = (paths: readonly string[]) =>
  [...paths].sort((a, b) => a.split('.').length - b.split('.').length);

/**
 * The drill-down: the KPI for one period split by one of its catalog dimensions (the calculation engine's
 * breakdown), as bars and a sortable table; pressing a member selects it and shows its numbers.
 */
export function BreakdownPanel({ kpi, grain, period }: BreakdownPanelProps) {
  const dimensions = useMemo(() => byDepth(kpi.dimensions), [kpi.dimensions]);
  const [dimension, setDimension] = useState(dimensions[0]);
  const [selected, setSelected] = useState<string>();
  const tenant = useLicense().status?.tenantId ?? '';
  const svg = useRef<SVGSVGElement>(null);
  const path = dimension
    ? `calculation/kpis/${encodeURIComponent(kpi.id)}/breakdown?dimension=${encodeURIComponent(dimension)}&grain=${grain}&period=${encodeURIComponent(period)}`
    : undefined;
  const { data, error, loading, reload } = useApi<KpiBreakdown>(path);
  const current = data && data.dimension === dimension && data.periodKey === period ? data : undefined;
  const items = useMemo(() => (current ? breakdownItems(current.groups) : []), [current]);
  const format = useMemo(
    () => (v: number) => formatKpiQuantity(v, kpi.format, kpi.unitLabel),
    [kpi.format, kpi.unitLabel],
  );
  if (!dimension) return null;
  const label = `${kpi.name} by ${dimensionLabel(dimension)}, ${periodLabel(period)}`;
  const chosen = current && selected ? current.groups[items.findIndex((i) => i.key === selected)] : undefined;
  return (
    <Panel
      title="Drill-down"
      subtitle={periodLabel(period)}
      actions={
        current && (
          <ExportButtons
            svg={svg}
            title={label}
            rows={() => breakdownRows(kpi, current)}
            name={{ tenant, dashboard: kpi.name, part: `by ${dimensionLabel(dimension)}`, period }}
            label={label}
          />
        )
      }
    >
      <div className={styles.toolbar}>
        <label>
          Split by{' '}
          <select
            value={dimension}
            onChange={(e) => {
              setDimension(e.target.value);
              setSelected(undefined);
            }}
            data-testid="dimension-picker"
          >
            {dimensions.map((d) => (
              <option key={d} value={d}>
                {dimensionLabel(d)} ({d})
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && !loading ? (
        <ErrorPanel
          title="This split could not be computed"
          error={error}
          action={{ label: 'Retry', onClick: reload }}
        />
      ) : !current ? (
        <Loading label="Splitting…" />
      ) : items.length === 0 ? (
        <p>No records in this period.</p>
      ) : (
        <>
          <BreakdownChart
            title={label}
            dimension={dimensionLabel(dimension)}
            valueLabel={kpi.unitLabel ? `${kpi.name} (${kpi.unitLabel})` : kpi.name}
            items={items}
            format={format}
            selectedKey={selected}
            onSelect={setSelected}
            svgRef={svg}
          />
          <p className={styles.selection} role="status" data-testid="breakdown-selection">
            {chosen
              ? `Filtered to ${items.find((i) => i.key === selected)?.label}: ${chosen.kpiValue === null ? 'no value' : format(chosen.kpiValue)} from ${chosen.records} records.`
              : 'Press a bar or a row to filter to that member.'}
          </p>
        </>
      )}
    </Panel>
  );
}
