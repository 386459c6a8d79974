import type { KpiResult } from '@kpi/shared/contracts/calculation';
import type { ClientKpi, KpiList } from '@kpi/shared/contracts/client-app';
import { EmptyState, ErrorPanel, Loading } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useMemo } from 'react';
import { CatalogError } from '../catalog/CatalogError';
import { formatTime } from '../catalog/kpi-format';
import { groupKpis, lastComputed, periodKeys, resultsByKpi, tileView } from '../dashboards/dashboard-model';
import styles from '../dashboards/dashboards.module.css';
import { HomeTile } from '../dashboards/HomeTile';
import { PeriodPicker } from '../dashboards/PeriodPicker';
import { LIVE_POLL_MS, useLiveResults } from '../dashboards/useLiveResults';
import { usePeriodParams } from '../dashboards/usePeriodParams';
import { DataRoute } from '../license/DataRoute';
import { useDataApi } from '../license/useDataApi';

/**
 * The dashboards' home: a tile per entitled KPI, grouped, as of the chosen period, kept current by the
 * calculation results' change feed. The KPI list comes through the licence-checked client-app route first,
 * so a refused licence turns the page into the locked page before any value is read.
 */
export default function DashboardsPage() {
  return (
    <DataRoute page="Dashboards">
      <Home />
    </DataRoute>
  );
}

function Home() {
  const kpis = useDataApi<KpiList>('client-app/kpis');
  const { grain, period, setPeriod } = usePeriodParams();
  const live = useLiveResults(grain, kpis.data !== undefined);
  const byKpi = useMemo(() => resultsByKpi(live.results?.values() ?? [], grain), [live.results, grain]);
  const periods = useMemo(() => periodKeys(byKpi), [byKpi]);
  const computed = useMemo(() => lastComputed(live.results?.values() ?? []), [live.results]);

  if (kpis.loading) return <Loading label="Loading your KPIs…" />;
  if (kpis.error && !kpis.data) return <CatalogError error={kpis.error} reload={kpis.reload} />;
  if (!kpis.data) return null;
  const groups = groupKpis(kpis.data.items);
  return (
    <>
      <div className={styles.head}>
        <div>
          <h1>Dashboards</h1>
          <p className={styles.freshness} data-testid="freshness">
            {computed ? <>Last computed {formatTime(computed)}</> : 'No values computed yet'}
            {' · '}
            {live.liveError ? (
              <span className={styles.liveOff}>live updates paused (the change feed did not answer)</span>
            ) : (
              <span>live: checks for new values every {LIVE_POLL_MS / 1000} s</span>
            )}
          </p>
        </div>
        <PeriodPicker grain={grain} period={period} periods={periods} onChange={setPeriod} />
      </div>
      {live.error && !live.results && (
        <ErrorPanel
          title="The KPI values could not be read"
          error={live.error}
          action={{ label: 'Retry', onClick: live.reload }}
        />
      )}
      {live.loading && <Loading label="Loading the values…" />}
      {live.results && live.results.size === 0 && (
        <p className={styles.notice} data-testid="no-results">
          No values yet: the calculation engine computes your KPIs once data is loaded into this deployment.
        </p>
      )}
      {kpis.data.items.length === 0 ? (
        <EmptyState title="No KPIs in your licence">
          The licence entitles no KPIs. Ask the vendor to add KPIs to your configuration.
        </EmptyState>
      ) : (
        groups.map((g) => (
          <section key={g.name} className={styles.group} aria-label={g.name}>
            <h2>{g.name}</h2>
            <div className={styles.tiles}>
              {g.kpis.map((k) => (
                <Tile
                  key={k.id}
                  kpi={k}
                  periods={byKpi.get(k.id)}
                  period={period ?? periods[0]}
                  grain={grain}
                  updated={live.updated.has(k.id)}
                  ready={live.results !== undefined}
                />
              ))}
            </div>
          </section>
        ))
      )}
    </>
  );
}

function Tile(props: {
  kpi: ClientKpi;
  periods: readonly KpiResult[] | undefined;
  period: string | undefined;
  grain: KpiResult['grain'];
  updated: boolean;
  ready: boolean;
}) {
  const { kpi, periods, period } = props;
  const view = useMemo(() => tileView(kpi, periods, period), [kpi, periods, period]);
  return (
    <HomeTile
      kpi={kpi}
      view={view}
      grain={props.grain}
      period={period}
      updated={props.updated}
      ready={props.ready}
      dataLink={<Link to="/data">Data page</Link>}
    />
  );
}
