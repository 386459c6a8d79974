import { AppShell } from '@kpi/web-ui/layout';
import { NotFoundPage } from '@kpi/web-ui/pages';
import { Routes } from '@kpi/web-ui/routing';
import { lazy } from 'react';
import { FLEET_ROLES, STAFF_ROLES } from './roles';

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

// A user none of whose roles may use a page gets no link to it (a tenant viewer gets no navigation at all,
// and each page's own 403 message says who it is for).
const nav = [
  { to: '/', label: 'Fleet', roles: FLEET_ROLES },
  { to: '/alerts', label: 'Alerts', roles: FLEET_ROLES },
  { to: '/silences', label: 'Silences & maintenance', roles: FLEET_ROLES },
  { to: '/licenses', label: 'Licences', roles: FLEET_ROLES },
  { to: '/outbox', label: 'Outbox', roles: FLEET_ROLES },
  { to: '/audit', label: 'Audit', roles: FLEET_ROLES },
  { to: '/platform', label: 'Platform', roles: STAFF_ROLES },
  { to: '/settings', label: 'Settings', roles: FLEET_ROLES },
];

/** The Monitor UI once signed in. */
export function MonitorApp() {
  return (
    <AppShell appName="Monitor" nav={nav}>
      <Routes routes={routes} notFound={NotFoundPage} />
    </AppShell>
  );
}
