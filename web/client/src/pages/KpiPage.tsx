import type { ClientKpi, kpiEnvelopeSchema } from '@kpi/shared/contracts/client-app';
import { EmptyState, Loading, Panel } from '@kpi/web-ui/layout';
import { Link, useLocation } from '@kpi/web-ui/routing';
import type { z } from 'zod';
import { CatalogError } from '../catalog/CatalogError';
import { directionText, formatValue } from '../catalog/kpi-format';
import { KpiValues } from '../dashboards/KpiValues';
import { DataRoute } from '../license/DataRoute';
import { useDataApi } from '../license/useDataApi';
import styles from './KpiPage.module.css';

type KpiEnvelope = z.infer<typeof kpiEnvelopeSchema>;

/** One entitled KPI: its values over time, the drill-down and its definition (`/kpi?id=…&grain=…&period=…`). */
export default function KpiPage() {
  const { search } = useLocation();
  const id = new URLSearchParams(search).get('id') ?? '';
  return (
    <DataRoute page="The KPI catalog">
      <Link to="/" className={styles.back}>
        ← All your KPIs
      </Link>
      {id ? (
        <KpiDetail id={id} />
      ) : (
        <EmptyState title="No KPI chosen">Pick a KPI from the catalog.</EmptyState>
      )}
    </DataRoute>
  );
}

function KpiDetail({ id }: { id: string }) {
  const { data, error, loading, reload } = useDataApi<KpiEnvelope>(
    `client-app/kpis/${encodeURIComponent(id)}`,
  );
  if (loading || (data && data.kpi.id !== id && !error)) return <Loading label="Loading the KPI…" />;
  if (error || !data) return error ? <CatalogError error={error} reload={reload} /> : null;
  return <Definition kpi={data.kpi} catalogVersion={data.catalogVersion} />;
}

function Definition({ kpi, catalogVersion }: { kpi: ClientKpi; catalogVersion: string }) {
  const unit = kpi.unitLabel;
  return (
    <article aria-labelledby="kpi-title" data-testid="kpi-detail">
      <h1 id="kpi-title" className={styles.title}>
        {kpi.name}
      </h1>
      <p className={styles.id}>
        {kpi.id} · {kpi.source === 'custom' ? `custom KPI, version ${kpi.version ?? '—'}` : 'catalog KPI'} ·
        catalog {catalogVersion}
      </p>
      <p className={styles.description}>{kpi.description}</p>
      <KpiValues kpi={kpi} />
      <div className={styles.grid}>
        <Panel title="Definition">
          <dl className={styles.facts}>
            <dt>Formula</dt>
            <dd>
              <pre className={styles.formula} data-testid="kpi-formula">
                {kpi.formula}
              </pre>
            </dd>
            <dt>Unit</dt>
            <dd>
              {kpi.unitLabel || kpi.unit}{' '}
              <span className={styles.fields}>
                ({kpi.unit}, format {kpi.format})
              </span>
            </dd>
            <dt>Direction</dt>
            <dd>{directionText[kpi.direction]}</dd>
            <dt>Time grain</dt>
            <dd>{kpi.timeGrain}</dd>
            <dt>Dimensions</dt>
            <dd>{kpi.dimensions.length ? kpi.dimensions.join(', ') : '—'}</dd>
            <dt>Tags</dt>
            <dd>{kpi.tags.length ? kpi.tags.join(', ') : '—'}</dd>
            {kpi.standard && (
              <>
                <dt>Standard</dt>
                <dd>
                  {kpi.standard.name} {kpi.standard.code}: {kpi.standard.title}
                </dd>
              </>
            )}
          </dl>
        </Panel>
        <Panel title="Target and thresholds">
          <dl className={styles.facts}>
            <dt>Target</dt>
            <dd data-testid="kpi-target">{formatValue(kpi.target, unit)}</dd>
            <dt>Bands</dt>
            <dd>
              <span className={`${styles.band} kpi-tone`} data-tone="good">
                good {formatValue(kpi.thresholds.good, unit)}
              </span>
              <span className={`${styles.band} kpi-tone`} data-tone="warning">
                warning {formatValue(kpi.thresholds.warning, unit)}
              </span>
              <span className={`${styles.band} kpi-tone`} data-tone="critical">
                critical {formatValue(kpi.thresholds.critical, unit)}
              </span>
            </dd>
          </dl>
        </Panel>
        <Panel title="Data it needs" subtitle={`${kpi.requirements.objects.length} objects`}>
          {kpi.requirements.objects.length === 0 ? (
            <p>No data objects.</p>
          ) : (
            <ul className={styles.objects} aria-label="Required objects">
              {kpi.requirements.objects.map((o) => (
                <li key={o.name}>
                  <strong>{o.name}</strong>{' '}
                  <span className={styles.fields}>
                    {o.fields.map((f) => `${f.name} (${f.type})`).join(', ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {kpi.requirements.kpis.length > 0 && (
            <p>
              Built on:{' '}
              {kpi.requirements.kpis.map((k, i) => (
                <span key={k}>
                  {i > 0 && ', '}
                  <Link to={`/kpi?id=${encodeURIComponent(k)}`}>{k}</Link>
                </span>
              ))}
            </p>
          )}
        </Panel>
      </div>
    </article>
  );
}
