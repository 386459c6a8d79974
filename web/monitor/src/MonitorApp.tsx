import { AppShell } from '@kpi/web-ui/layout';
import { NotFoundPage } from '@kpi/web-ui/pages';
import { Routes } from '@kpi/web-ui/routing';
import { lazy } from 'react';

const routes = { '/': lazy(() => import('./pages/OverviewPage')) };

/** The Monitor UI once signed in. */
export function MonitorApp() {
  return (
    <AppShell appName="Monitor" nav={[{ to: '/', label: 'Overview' }]}>
      <Routes routes={routes} notFound={NotFoundPage} />
    </AppShell>
  );
}
