/**
 * The demo-config Function app: tenants, client configurations (selected KPIs, targets, status), data source
 * declarations with sample-file inference, the required-objects analysis, the effort estimate and SOWs. The entry
 * file registers areas only (functions/README.md): each area's `*.functions.ts` holds its triggers.
 */
import './tenants/tenants.functions';
import './configurations/configurations.functions';
import './sources/sources.functions';
import './sow/sow.functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';

registerOpenApiRoute(APP, { title: 'KPI Platform demo-config service', version: '0.1.0' });
registerFallback(APP);
