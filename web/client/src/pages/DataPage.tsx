import { useAuth } from '@kpi/web-ui/auth';
import { Forbidden, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { DataRoute } from '../license/DataRoute';
import { canManage } from '../roles';
import styles from './ComingPage.module.css';

/**
 * Where admins and owners will manage the deployment's data (sources, loads, mapping), which a later
 * issue builds. Until then the page says so; other roles get the usual "not allowed" page by URL.
 */
export default function DataPage() {
  const { user } = useAuth();
  if (!canManage(user)) return <Forbidden allowed="tenant admins and owners" />;
  return (
    <DataRoute page="Data">
      <section className={styles.page} aria-labelledby="data-title">
        <h1 id="data-title">Data</h1>
        <Panel title="Not available yet">
          <p data-testid="not-available">
            Managing data arrives with data ingestion: connecting sources, loading files and mapping their
            fields to the data objects your KPIs need. This deployment has no data sources yet.
          </p>
          <p>
            <Link to="/data/mapping">Map source columns to data objects</Link> once sources are discovered.
          </p>
          <p>
            What each KPI needs is listed on its page in <Link to="/">your KPIs</Link> under “Data it needs”.
          </p>
        </Panel>
      </section>
    </DataRoute>
  );
}
