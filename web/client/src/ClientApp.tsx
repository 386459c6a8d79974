import { AppShell } from '@kpi/web-ui/layout';
import { NotFoundPage } from '@kpi/web-ui/pages';
import { Routes } from '@kpi/web-ui/routing';
import { lazy } from 'react';

const routes = { '/': lazy(() => import('./pages/KpisPage')) };

/** The Client UI once signed in. */
export function ClientApp() {
  return (
    <AppShell appName="Client" nav={[{ to: '/', label: 'KPIs' }]}>
      <Routes routes={routes} notFound={NotFoundPage} />
    </AppShell>
  );
}
