import { platformRoles } from '@kpi/web-ui/auth';
import { AppShell } from '@kpi/web-ui/layout';
import { NotFoundPage } from '@kpi/web-ui/pages';
import { Routes } from '@kpi/web-ui/routing';
import { lazy } from 'react';

// Each page is its own chunk, so the initial bundle holds only the shell. The router matches exact
// paths; a page's subject (e.g. which deployment) travels in the query string.
const routes = {
  '/': lazy(() => import('./pages/FleetPage')),
  '/deployment': lazy(() => import('./pages/DeploymentPage')),
  '/alerts': lazy(() => import('./pages/AlertsPage')),
  '/silences': lazy(() => import('./pages/SilencesPage')),
  '/licenses': lazy(() => import('./pages/LicensesPage')),
  '/outbox': lazy(() => import('./pages/OutboxPage')),
  '/audit': lazy(() => import('./pages/AuditPage')),
  '/platform': lazy(() => import('./pages/PlatformPage')),
  '/settings': lazy(() => import('./pages/SettingsPage')),
};

const nav = [
  { to: '/', label: 'Fleet' },
  { to: '/alerts', label: 'Alerts' },
  { to: '/silences', label: 'Silences & maintenance' },
  { to: '/licenses', label: 'Licences' },
  { to: '/outbox', label: 'Outbox' },
  { to: '/audit', label: 'Audit' },
  { to: '/platform', label: 'Platform', roles: platformRoles },
  { to: '/settings', label: 'Settings' },
];

/** The Monitor UI once signed in. */
export function MonitorApp() {
  return (
    <AppShell appName="Monitor" nav={nav}>
      <Routes routes={routes} notFound={NotFoundPage} />
    </AppShell>
  );
}
