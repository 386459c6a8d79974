import { AppShell } from '@kpi/web-ui/layout';
import { NotFoundPage } from '@kpi/web-ui/pages';
import { Routes } from '@kpi/web-ui/routing';
import { lazy } from 'react';
import { WorkspaceBar } from './workspace/WorkspaceBar';
import { WorkspaceProvider } from './workspace/WorkspaceProvider';

// Each page is its own chunk, so the initial bundle holds only the shell. The router matches exact
// paths; the tenant and configuration every page works on come from the workspace.
const routes = {
  '/': lazy(() => import('./pages/ConfigurationsPage')),
  '/catalog': lazy(() => import('./pages/CatalogPage')),
  '/diagram': lazy(() => import('./pages/DiagramPage')),
  '/custom-kpis': lazy(() => import('./pages/CustomKpisPage')),
  '/sources': lazy(() => import('./pages/SourcesPage')),
  '/analysis': lazy(() => import('./pages/AnalysisPage')),
  '/sow': lazy(() => import('./pages/SowPage')),
  '/demo': lazy(() => import('./pages/DemoPage')),
};

const nav = [
  { to: '/', label: 'Configurations' },
  { to: '/catalog', label: 'Catalog' },
  { to: '/diagram', label: 'Data model' },
  { to: '/custom-kpis', label: 'Custom KPIs' },
  { to: '/sources', label: 'Data sources' },
  { to: '/analysis', label: 'Analysis' },
  { to: '/sow', label: 'SOW' },
  { to: '/demo', label: 'Demo' },
];

/** The Config UI once signed in. */
export function ConfigApp() {
  return (
    <WorkspaceProvider>
      <AppShell appName="Config" nav={nav}>
        <WorkspaceBar />
        <Routes routes={routes} notFound={NotFoundPage} />
      </AppShell>
    </WorkspaceProvider>
  );
}
