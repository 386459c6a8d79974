import type { CatalogTree } from '@kpi/shared/contracts/catalog-tree';
import type { DashboardPreview } from '@kpi/shared/contracts/demo-config';
import { useApi } from '@kpi/web-ui/api';
import { KpiTile } from '@kpi/web-ui/kpi';
import { EmptyState, ErrorPanel, Loading } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useId, useMemo, useState } from 'react';
import frame from '../common/page.module.css';
import styles from '../demo/Demo.module.css';
import {
  DEFAULT_MONTH,
  FIRST_MONTH,
  groupByValueChain,
  LAST_MONTH,
  monthLabel,
  shiftMonth,
  toTile,
} from '../demo/demo-model';
import { useWorkspace } from '../workspace/WorkspaceProvider';

/** Demo mode: what the client's dashboards would show, on the industry's generated sample data. */
export default function DemoPage() {
  const { configurationPath, configuration } = useWorkspace();
  if (!configurationPath)
    return (
      <EmptyState title="No configuration chosen" icon="▦">
        Choose a configuration on the <Link to="/">Configurations</Link> page to preview its dashboards.
      </EmptyState>
    );
  return (
    <Demo key={configurationPath} configurationPath={configurationPath} name={configuration.data?.name} />
  );
}

function Demo({ configurationPath, name }: { configurationPath: string; name: string | undefined }) {
  const [month, setMonth] = useState(DEFAULT_MONTH);
  const monthId = useId();
  const preview = useApi<DashboardPreview>(`${configurationPath}/dashboard-preview?month=${month}`);
  const industryId = preview.data?.industryId;
  const tree = useApi<CatalogTree>(
    industryId ? `metadata/tree?industry=${encodeURIComponent(industryId)}` : undefined,
  );
  const industry = tree.data?.industries.find((i) => i.id === industryId) ?? tree.data?.industries[0];
  const groups = useMemo(
    () => (preview.data ? groupByValueChain(preview.data.kpis, industry) : []),
    [preview.data, industry],
  );
  const counts = useMemo(() => {
    const c = { good: 0, warning: 0, critical: 0, 'no-value': 0 };
    for (const k of preview.data?.kpis ?? []) c[k.status]++;
    return c;
  }, [preview.data]);

  return (
    <div className={frame.page}>
      <header className={frame.header}>
        <div>
          <h1>Dashboard preview</h1>
          <p className={styles.muted}>
            {name ?? 'This configuration'} on generated {industry?.name.toLowerCase() ?? ''} sample data
          </p>
        </div>
        <div className={styles.monthPicker}>
          <button
            type="button"
            className="kpi-button"
            aria-label="Previous month"
            disabled={month <= FIRST_MONTH}
            onClick={() => setMonth((m) => shiftMonth(m, -1))}
          >
            ‹
          </button>
          <label htmlFor={monthId} className="kpi-visually-hidden">
            Month
          </label>
          <input
            id={monthId}
            type="month"
            min={FIRST_MONTH}
            max={LAST_MONTH}
            value={month}
            onChange={(e) => {
              const v = e.target.value;
              if (/^\d{4}-\d{2}$/.test(v) && v >= FIRST_MONTH && v <= LAST_MONTH) setMonth(v);
            }}
          />
          <button
            type="button"
            className="kpi-button"
            aria-label="Next month"
            disabled={month >= LAST_MONTH}
            onClick={() => setMonth((m) => shiftMonth(m, 1))}
          >
            ›
          </button>
        </div>
      </header>

      {preview.loading ? (
        <Loading label="Computing the dashboards on sample data…" />
      ) : preview.error && !preview.data ? (
        <ErrorPanel
          title="The dashboard preview could not be computed"
          error={preview.error}
          action={{ label: 'Retry', onClick: preview.reload }}
        />
      ) : !preview.data || preview.data.kpis.length === 0 ? (
        <EmptyState title="No KPIs selected" icon="▦">
          Select KPIs in the <Link to="/catalog">Catalog</Link> to see what their dashboards would show.
        </EmptyState>
      ) : (
        <>
          <div className={styles.summary} aria-live="polite" data-testid="demo-summary">
            <strong>{monthLabel(preview.data.period)}</strong>
            <span>{preview.data.kpis.length} KPIs</span>
            <span className={styles.sumGood}>{counts.good} on target</span>
            <span className={styles.sumWarn}>{counts.warning} to watch</span>
            <span className={styles.sumBad}>{counts.critical} off target</span>
            {counts['no-value'] > 0 && <span>{counts['no-value']} without data</span>}
            {preview.fetching && <span className={styles.muted}>Updating…</span>}
          </div>
          <div className={preview.fetching ? styles.refreshing : undefined}>
            {groups.map((g) => (
              <section key={g.name} className={styles.group} aria-label={g.name}>
                <h2>
                  {g.name} <span className={styles.count}>{g.kpis.length}</span>
                </h2>
                <div className={styles.tiles}>
                  {g.kpis.map((k) => (
                    <KpiTile
                      key={k.kpiId}
                      tile={toTile(k)}
                      footer={k.custom && <span className={styles.custom}>custom</span>}
                    />
                  ))}
                </div>
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
