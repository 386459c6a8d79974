import { Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { DataRoute } from '../license/DataRoute';
import styles from './ComingPage.module.css';

/**
 * Dashboards need KPI values, which the calculation engine (a later issue) computes from the loaded data.
 * Until then the page says so instead of drawing anything.
 */
export default function DashboardsPage() {
  return (
    <DataRoute page="Dashboards">
      <section className={styles.page} aria-labelledby="dashboards-title">
        <h1 id="dashboards-title">Dashboards</h1>
        <Panel title="Not available yet">
          <p data-testid="not-available">
            Dashboards arrive with the calculation engine: it computes your KPIs from the data your
            administrators load. This deployment does not calculate KPI values yet, so there is nothing to
            show.
          </p>
          <p>
            Meanwhile, <Link to="/">your KPIs</Link> lists what your licence includes, with each definition,
            target and thresholds.
          </p>
        </Panel>
      </section>
    </DataRoute>
  );
}
