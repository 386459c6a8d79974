/**
 * The licence Function app: signed licence keys, activation, validation, expiry enforcement. The entry file
 * registers areas only (functions/README.md): each area's `*.functions.ts` holds its triggers.
 */
import './licenses/licenses.functions';
import './keys/keys.functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';

registerOpenApiRoute(APP, { title: 'KPI Platform licence service', version: '0.1.0' });
registerFallback(APP);
