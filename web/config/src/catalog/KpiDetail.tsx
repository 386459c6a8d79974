import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import type { kpiDetailSchema } from '@kpi/shared/contracts/metadata-catalog';
import { useApi } from '@kpi/web-ui/api';
import { directionText, formatValue } from '@kpi/web-ui/catalog';
import { ErrorPanel, Loading } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import type { z } from 'zod';
import styles from './KpiDetail.module.css';
import { TargetOverride } from './TargetOverride';

/** Body of `GET metadata/kpis/{id}`. */
export type KpiDetailResponse = z.infer<typeof kpiDetailSchema>;

export interface KpiDetailProps {
  kpiId: string;
  /** The current configuration, for its target override; undefined without one. */
  configuration: ConfigurationView | undefined;
  /** Whether the KPI is in the configuration's saved selection (overrides exist only for those). */
  savedInSelection: boolean;
  /** Editor on a draft configuration. */
  canEdit: boolean;
}

/** A catalog KPI: what it measures, its formula (the service's canonical print), targets and data needs. */
export function KpiDetail({ kpiId, configuration, savedInSelection, canEdit }: KpiDetailProps) {
  const { data, error, loading, reload } = useApi<KpiDetailResponse>(
    `metadata/kpis/${encodeURIComponent(kpiId)}`,
  );
  if (loading || (data && data.kpi.id !== kpiId && !error)) return <Loading label="Loading the KPI…" />;
  if (error || !data)
    return (
      <ErrorPanel
        title="The KPI could not be loaded"
        error={error}
        action={{ label: 'Retry', onClick: reload }}
      />
    );
  const { kpi, requirements } = data;
  const override = configuration?.targetOverrides.find((o) => o.kpiId === kpi.id);
  return (
    <article className={styles.detail} aria-label={`KPI ${kpi.name}`} data-testid="kpi-detail">
      <h3 className={styles.name}>{kpi.name}</h3>
      <p className={styles.description}>{kpi.description}</p>
      <dl className={styles.facts}>
        <dt>Unit</dt>
        <dd>{kpi.unitLabel || kpi.unit}</dd>
        <dt>Direction</dt>
        <dd>{directionText[kpi.direction] ?? kpi.direction}</dd>
        <dt>Time grain</dt>
        <dd>{kpi.timeGrain}</dd>
        <dt>Catalog target</dt>
        <dd data-testid="catalog-target">{formatValue(kpi.target, kpi.unitLabel)}</dd>
        <dt>Bands</dt>
        <dd>
          <span className={`${styles.band} kpi-tone`} data-tone="good">
            good {formatValue(kpi.thresholds.good, kpi.unitLabel)}
          </span>{' '}
          <span className={`${styles.band} kpi-tone`} data-tone="warning">
            warning {formatValue(kpi.thresholds.warning, kpi.unitLabel)}
          </span>{' '}
          <span className={`${styles.band} kpi-tone`} data-tone="critical">
            critical {formatValue(kpi.thresholds.critical, kpi.unitLabel)}
          </span>
        </dd>
        {configuration && (
          <>
            <dt>Target for {configuration.name}</dt>
            <dd>
              <TargetOverride
                key={`${configuration.id}:${kpi.id}`}
                kpiId={kpi.id}
                catalogTarget={kpi.target}
                unitLabel={kpi.unitLabel}
                configuration={configuration}
                override={override?.target}
                editable={canEdit && savedInSelection}
                hint={
                  canEdit && !savedInSelection
                    ? 'Select the KPI and save the selection to set a target for this configuration.'
                    : undefined
                }
              />
            </dd>
          </>
        )}
      </dl>

      <h4 className={styles.heading}>Formula</h4>
      <pre className={styles.formula} data-testid="kpi-formula">
        {data.formulaPretty}
      </pre>

      <div className={styles.headingRow}>
        <h4 className={styles.heading}>Required objects and fields</h4>
        <Link to={`/diagram?kpi=${encodeURIComponent(kpi.id)}`} className={styles.diagramLink}>
          Show in the data model
        </Link>
      </div>
      {requirements.objects.length === 0 ? (
        <p className={styles.muted}>This KPI reads no data objects directly.</p>
      ) : (
        <ul className={styles.objects} aria-label="Required objects">
          {requirements.objects.map((o) => (
            <li key={o.name}>
              <span className={styles.object}>{o.name}</span>
              <ul className={styles.fields}>
                {o.fields.map((f) => (
                  <li key={f.name} title={`used as ${f.usages.join(', ')}`}>
                    <code>{f.name}</code> <span className={styles.type}>{f.type}</span>
                    {f.usages.length > 0 && <span className={styles.usage}>{f.usages.join(' · ')}</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {requirements.relationships.length > 0 && (
        <>
          <h4 className={styles.heading}>Joins</h4>
          <ul className={styles.joins}>
            {requirements.relationships.map((r) => (
              <li key={`${r.from}.${r.name}`}>
                <code>
                  {r.from}.{r.foreignKey} → {r.to}.{r.targetKey}
                </code>{' '}
                <span className={styles.muted}>
                  ({r.cardinality} : {r.inverseCardinality})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {requirements.kpis.length > 0 && (
        <p className={styles.muted}>Builds on: {requirements.kpis.join(', ')}</p>
      )}
      {data.useCases.length > 0 && (
        <>
          <h4 className={styles.heading}>Used in</h4>
          <ul className={styles.useCases}>
            {data.useCases.map((u) => (
              <li key={`${u.industryId}:${u.id}`}>
                {data.industries.find((i) => i.id === u.industryId)?.name ?? u.industryId} › {u.stageName} ›{' '}
                {u.name}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
