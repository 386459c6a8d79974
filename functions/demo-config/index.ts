/**
 * The demo-config Function app: tenants, client configurations (selected KPIs, targets, status), data source
 * declarations with sample-file inference, the required-objects analysis, the effort estimate and SOWs. The entry
 * file registers areas only (functions/README.md): each area's `*.functions.ts` holds its triggers.
 */
import './tenants/tenants.functions';
import './configurations/configurations.functions';
import './sources/sources.functions';
import './sow/sow.functions';
import { createDeploymentAuthenticator } from '@kpi/shared/platform/auth/deployment-authenticator';
import { configureHttpEdge } from '@kpi/shared/platform/http/edge-config';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';
import { dependencies } from './dependencies';

// Client deployments read their configuration's source declarations with their deployment credential.
configureHttpEdge({
  deploymentAuthenticator: createDeploymentAuthenticator(async (id) =>
    (await dependencies()).credentials(id),
  ),
});

registerOpenApiRoute(APP, { title: 'KPI Platform demo-config service', version: '0.1.0' });
registerFallback(APP);
