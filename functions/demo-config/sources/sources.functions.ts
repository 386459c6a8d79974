/** Routes of data source declarations: `tenants/{tenantId}/configurations/{configurationId}/sources/...`. */
import {
  DEMO_CONFIG_LIMITS,
  dataSourceListSchema,
  dataSourceRequestSchema,
  dataSourceViewSchema,
  deploymentSourcesSchema,
  inferSampleRequestSchema,
  inferSampleResponseSchema,
} from '@kpi/shared/contracts/demo-config';
import { atLeast } from '@kpi/shared/platform/auth/roles';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { dependencies } from '../dependencies';
import {
  APP,
  CONFIGURATION,
  configurationParams,
  ifMatchOf,
  inExistingConfiguration,
  SOURCES,
  sourceParams,
  withEtag,
} from '../route-kit';
import { deploymentSources } from './deployment-sources';
import { inferSample } from './infer-sample';
import {
  createSource,
  deleteSource,
  findSource,
  replaceSource,
  sourcesOf,
  sourceView,
} from './manage-sources';

const tags = ['data-sources'];
const SOURCE = `${SOURCES}/{sourceId}`;

httpRoute({
  app: APP,
  name: 'sources-list',
  method: 'GET',
  route: SOURCES,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: configurationParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: dataSourceListSchema },
  summary: "The configuration's data source declarations",
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await inExistingConfiguration(caller, params);
    return { body: { items: await sourcesOf(deps, scope, params.configurationId) } };
  },
});

httpRoute({
  app: APP,
  name: 'sources-create',
  method: 'POST',
  route: SOURCES,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: configurationParams,
  body: dataSourceRequestSchema,
  // Up to 100 objects × 300 fields with source columns.
  maxBodyBytes: 2 * 1024 * 1024,
  responses: { 201: dataSourceViewSchema },
  summary: 'Declares a data source: type, name and the catalog objects and fields it provides (drafts only)',
  tags,
  handler: async ({ caller, params, body }) => {
    const scope = scopeFor(caller, params.tenantId);
    return withEtag(await createSource(dependencies(), caller, scope, params.configurationId, body), 201);
  },
});

httpRoute({
  app: APP,
  name: 'source-get',
  method: 'GET',
  route: SOURCE,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: sourceParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: dataSourceViewSchema },
  summary: 'One data source declaration',
  tags,
  handler: async ({ caller, params }) => {
    const scope = scopeFor(caller, params.tenantId);
    const found = await findSource(dependencies(), scope, params.configurationId, params.sourceId);
    return withEtag(sourceView(found));
  },
});

httpRoute({
  app: APP,
  name: 'source-replace',
  method: 'PUT',
  route: SOURCE,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: sourceParams,
  body: dataSourceRequestSchema,
  // Up to 100 objects × 300 fields with source columns.
  maxBodyBytes: 2 * 1024 * 1024,
  responses: { 200: dataSourceViewSchema },
  summary: 'Replaces a data source declaration (drafts only)',
  tags,
  handler: async ({ caller, params, body, request }) => {
    const scope = scopeFor(caller, params.tenantId);
    const view = await replaceSource(
      dependencies(),
      scope,
      params.configurationId,
      params.sourceId,
      body,
      ifMatchOf(request),
    );
    return withEtag(view);
  },
});

httpRoute({
  app: APP,
  name: 'source-delete',
  method: 'DELETE',
  route: SOURCE,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: sourceParams,
  summary: 'Removes a data source declaration (drafts only)',
  tags,
  handler: async ({ caller, params, request }) => {
    const scope = scopeFor(caller, params.tenantId);
    await deleteSource(dependencies(), scope, params.configurationId, params.sourceId, ifMatchOf(request));
    return { status: 204 };
  },
});

httpRoute({
  app: APP,
  name: 'sample-inference',
  method: 'POST',
  route: `${CONFIGURATION}/sample-inference`,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: configurationParams,
  body: inferSampleRequestSchema,
  // JSON escaping can double the size of the file's text.
  maxBodyBytes: DEMO_CONFIG_LIMITS.sampleBytes * 2 + 4096,
  responses: { 200: inferSampleResponseSchema },
  summary:
    'Infers columns, types, a preview and the matching catalog object from a sample CSV or XLSX (stores nothing)',
  tags,
  handler: async ({ caller, params, body, log }) => {
    const { deps } = await inExistingConfiguration(caller, params);
    return { body: await inferSample(body, deps.catalog.objects, undefined, log) };
  },
});

httpRoute({
  app: APP,
  name: 'deployment-sources-get',
  method: 'GET',
  route: 'deployment/sources',
  roles: 'deployment',
  responses: { 200: deploymentSourcesSchema },
  statuses: [404],
  summary:
    "A client deployment's own declarations: the sources of the configuration its licence names (deployment credential)",
  tags,
  handler: async ({ caller }) => ({ body: await deploymentSources(dependencies(), caller) }),
});
