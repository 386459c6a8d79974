/**
 * The calculation Function app of a client deployment: KPI values by period from the lake (DuckDB over
 * Parquet), recomputed on ingestion events, nightly and on command, read by the dashboards. The entry file
 * registers areas only (functions/README.md): each area's `*.functions.ts` holds its triggers.
 */
import './recompute/recompute.functions';
import './results/results.functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';

registerOpenApiRoute(APP, { title: 'KPI Platform calculation service', version: '0.1.0' }); // GET /api/calculation/openapi.json
registerFallback(APP); // 404/405 with error codes
