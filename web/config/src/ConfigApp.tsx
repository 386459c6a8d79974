import { AppShell } from '@kpi/web-ui/layout';
import { NotFoundPage } from '@kpi/web-ui/pages';
import { Routes } from '@kpi/web-ui/routing';
import { lazy } from 'react';

// Each page is its own chunk, so the initial bundle holds only the shell.
const routes = { '/': lazy(() => import('./pages/CatalogPage')) };

/** The Config UI once signed in. */
export function ConfigApp() {
  return (
    <AppShell appName="Config" nav={[{ to: '/', label: 'Catalog' }]}>
      <Routes routes={routes} notFound={NotFoundPage} />
    </AppShell>
  );
}
