/**
 * The monitoring Function app: heartbeat intake, deployment status and the due-time sweep, alerts, silences
 * and maintenance windows, e-mail notifications (the only e-mail sender), remote commands, audit, licence
 * tracking; plus platform events and health. The entry file registers areas only (functions/README.md): each
 * area's `*.functions.ts` holds its triggers.
 */
import './heartbeats/heartbeats.functions';
import './status/status.functions';
import './deployments/deployments.functions';
import './alerts/alerts.functions';
import './rules/rules.functions';
import './commands/commands.functions';
import './notifications/notifications.functions';
import './audit/audit.functions';
import './licenses/licenses.functions';
import './platform/platform.functions';
import { createDeploymentAuthenticator } from '@kpi/shared/platform/auth/deployment-authenticator';
import { configureHttpEdge } from '@kpi/shared/platform/http/edge-config';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';
import { dependencies } from './dependencies';

// Deployments authenticate with their deployment credential (shared/contracts/deployment-credential.ts).
configureHttpEdge({
  deploymentAuthenticator: createDeploymentAuthenticator(async (id) =>
    (await dependencies()).credentials.get(id),
  ),
});

registerOpenApiRoute(APP, { title: 'KPI Platform monitoring service', version: '0.2.0' });
registerFallback(APP);
