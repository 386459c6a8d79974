import type { AnalysisView as Analysis } from '@kpi/shared/contracts/demo-config';
import { useApi } from '@kpi/web-ui/api';
import { EmptyState, readFallback } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import styles from '../analysis/Analysis.module.css';
import { AnalysisView } from '../analysis/AnalysisView';
import { NoConfiguration } from '../analysis/NoConfiguration';
import { useSourcesChanged } from '../analysis/sources-changed';
import { useRefreshOnFocus } from '../analysis/use-refresh-on-focus';
import { useKpiNames } from '../workspace/useKpiNames';
import { useWorkspace } from '../workspace/WorkspaceProvider';

// The analysis is recomputed by the service on every read: polling keeps it current while sources are
// changed by someone else; returning to the page or the tab fetches it at once.
const REFRESH_MS = 30_000;

/** The required-objects analyzer of the current configuration. */
export default function AnalysisPage() {
  const { configurationPath, configuration, tenantId } = useWorkspace();
  const analysis = useApi<Analysis>(configurationPath && `${configurationPath}/analysis`, {
    refreshMs: REFRESH_MS,
  });
  const { nameOf } = useKpiNames({
    enabled: configurationPath !== undefined,
    tenantId,
    withCustom: (analysis.data?.customKpis.length ?? 0) > 0,
  });
  const reload = analysis.reload;
  useRefreshOnFocus(reload);
  useSourcesChanged(configurationPath, reload);

  if (!configurationPath) return <NoConfiguration what="analysis" />;
  const analysisFallback = readFallback(analysis, {
    loading: 'Analysing the configuration…',
    failed: 'The analysis could not be loaded',
    retry: reload,
  });
  if (analysisFallback) return analysisFallback;
  const data = analysis.data;
  if (!data) return null;
  return (
    <div className={styles.page}>
      <header className={styles.pageHead}>
        <div>
          <h1>Analyzer</h1>
          <p className={styles.muted}>
            {configuration.data?.name ?? data.configurationId} · what the selected KPIs need against what the
            data sources provide
          </p>
        </div>
        <div className={styles.pageActions}>
          {analysis.error && (
            <span className={styles.staleNote} role="status">
              Showing the last analysis: {analysis.error.message}
            </span>
          )}
          {analysis.updatedAt && (
            <span className={styles.muted} data-testid="analysis-updated">
              Updated {analysis.updatedAt.toLocaleTimeString()}
            </span>
          )}
          <button type="button" className="kpi-button" onClick={reload} disabled={analysis.fetching}>
            {analysis.fetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </header>
      {data.kpis.length === 0 ? (
        <EmptyState title="No KPIs selected" icon="☐">
          Pick the KPIs of this configuration in the <Link to="/catalog">catalog</Link>; the analyzer then
          shows the data they need.
        </EmptyState>
      ) : (
        <AnalysisView analysis={data} nameOf={nameOf} />
      )}
    </div>
  );
}
