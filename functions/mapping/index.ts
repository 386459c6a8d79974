/**
 * The mapping Function app of a client deployment: one versioned mapping per source stream × catalog object
 * (drafts, validation, publishing, versions, audit), suggestions, previews on sample rows and the entitled
 * KPIs' completeness. The entry file registers areas only (functions/README.md).
 */
import './mappings/mappings.functions';
import './mappings/insight.functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';

registerOpenApiRoute(APP, { title: 'KPI Platform mapping (client deployment)', version: '0.1.0' });
registerFallback(APP);
