/**
 * The connector Function app of a client deployment: the client's data sources (PostgreSQL, REST JSON
 * APIs, files in the deployment's Blob storage), their secrets in Key Vault, test and discovery, and the
 * Config app's declarations as drafts. The entry file registers areas only (functions/README.md).
 */
import './sources/sources.functions';
import './declared/declared.functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { APP } from './config';

registerOpenApiRoute(APP, { title: 'KPI Platform connector (client deployment)', version: '0.1.0' });
registerFallback(APP);
