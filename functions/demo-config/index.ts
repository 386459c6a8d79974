/**
 * The demo-config Function app: tenants, client configurations (selected KPIs, targets, status), data source
 * declarations with sample-file inference, the required-objects analysis, the effort estimate and SOWs. Triggers
 * only: each area registers its routes in its own `*.functions.ts` file; use cases live beside them.
 */
import './tenants/tenants.functions';
import './configurations/configurations.functions';
import './sources/sources.functions';
import './sow/sow.functions';
import { createDeploymentAuthenticator } from '@kpi/shared/platform/auth/deployment-authenticator';
import { configureHttpEdge } from '@kpi/shared/platform/http/edge-config';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { dependencies } from './dependencies';
import { APP } from './route-kit';

// Client deployments read their configuration's source declarations with their deployment credential.
configureHttpEdge({
  deploymentAuthenticator: createDeploymentAuthenticator(async (id) => dependencies().credentials(id)),
});

registerOpenApiRoute(APP, { title: 'KPI Platform demo-config service', version: '0.1.0' });
registerFallback(APP);
