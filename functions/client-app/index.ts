/**
 * The client deployment's backend (one per client, in the client's own subscription): licence start-up and
 * enforcement, the entitled KPIs from the signed snapshot, heartbeats and remote commands. The entry file
 * registers areas only (functions/README.md): each area's `*.functions.ts` holds its triggers.
 */
import './license/license.functions';
import './catalog/catalog.functions';
import './telemetry/telemetry.functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';

registerOpenApiRoute(APP, { title: 'KPI Platform client deployment', version: '0.1.0' });
registerFallback(APP);
