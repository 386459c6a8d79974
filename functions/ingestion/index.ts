/**
 * The ingestion Function app (client deployment): loads each published mapping's source into the lake
 * (Parquet in Blob, a manifest per object in Cosmos), keeps the quarantine, takes real-time pushes and
 * announces changes on `ingestion-events`. The entry file registers areas only (functions/README.md).
 */
import './runs/runs.functions';
import './quarantine/quarantine.functions';
import './push/push.functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';

registerOpenApiRoute(APP, { title: 'KPI Platform ingestion service', version: '0.1.0' }); // GET /api/ingestion/openapi.json
registerFallback(APP); // 404/405 with error codes
