import { ApiError } from '@kpi/web-ui/api';
import type { RuntimeConfig } from '@kpi/web-ui/config';
import { AppShell, Forbidden, type NavItem } from '@kpi/web-ui/layout';
import { NotFoundPage } from '@kpi/web-ui/pages';
import { Routes } from '@kpi/web-ui/routing';
import { lazy } from 'react';
import { LicenseBanner } from './license/LicenseBanner';
import { LicenseProvider, useLicense } from './license/LicenseContext';
import { ADMINS } from './roles';

const routes = {
  '/': lazy(() => import('./pages/CatalogPage')),
  '/kpi': lazy(() => import('./pages/KpiPage')),
  '/dashboards': lazy(() => import('./pages/DashboardsPage')),
  '/data': lazy(() => import('./pages/DataPage')),
  '/data/mapping': lazy(() => import('./pages/MappingPage')),
  '/licence': lazy(() => import('./pages/LicensePage')),
};

// Dashboards and Data are in the navigation before their features exist: the roles that will use them
// find them where they will be, and each page says plainly what is not available yet.
const nav: NavItem[] = [
  { to: '/', label: 'KPIs' },
  { to: '/dashboards', label: 'Dashboards' },
  { to: '/data', label: 'Data', roles: ADMINS },
  { to: '/licence', label: 'Licence' },
];

/** The Client UI once signed in: talks only to its own deployment's client-app API. */
export function ClientApp({ config }: { config: RuntimeConfig }) {
  return (
    <LicenseProvider apiBase={config.apiBase} {...(config.apiBases ? { apiBases: config.apiBases } : {})}>
      <AppShell appName="Client" nav={nav}>
        <Pages />
      </AppShell>
    </LicenseProvider>
  );
}

/** The banner and the page; a user this deployment does not serve gets one clear page instead. */
function Pages() {
  const { statusError } = useLicense();
  if (statusError instanceof ApiError && statusError.status === 403)
    return (
      <Forbidden
        allowed={
          statusError.code === 'AUTH.TENANT_FORBIDDEN'
            ? "the users of this deployment's own organisation"
            : 'users with a role in this deployment (viewer, editor, admin or owner)'
        }
        {...(statusError.requestId ? { requestId: statusError.requestId } : {})}
      />
    );
  return (
    <>
      <LicenseBanner />
      <Routes routes={routes} notFound={NotFoundPage} />
    </>
  );
}
