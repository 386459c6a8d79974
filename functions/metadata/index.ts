/**
 * The metadata Function app: the KPI catalog, single source of truth for KPI definitions. The entry file
 * registers areas only (functions/README.md): each area's `*.functions.ts` holds its triggers.
 */
import './tree/tree.functions';
import './catalog/catalog.functions';
import './formulas/formulas.functions';
import './custom-kpis/custom-kpis.functions';
import './snapshots/snapshots.functions';
// The deployment authenticator is shared: credentials are issued by the licence service.
import { createDeploymentAuthenticator } from '@kpi/shared/platform/auth/deployment-authenticator';
import { configureHttpEdge } from '@kpi/shared/platform/http/edge-config';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';
import { dependencies } from './dependencies';

// Deployments authenticate with their deployment credential (shared/contracts/deployment-credential.ts).
configureHttpEdge({
  deploymentAuthenticator: createDeploymentAuthenticator(async (id) =>
    (await dependencies()).credentials(id),
  ),
});

registerOpenApiRoute(APP, { title: 'KPI Platform metadata service', version: '0.1.0' });
registerFallback(APP);
