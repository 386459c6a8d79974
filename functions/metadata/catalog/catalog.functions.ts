/**
 * Routes over the current catalog version: KPI detail, object model and graph, ranked search; global KPI edits
 * and publishing the catalog shipped with this build.
 */
import {
  kpiDetailSchema,
  kpiIdParamsSchema,
  objectGraphQuerySchema,
  objectGraphSchema,
  objectsSchema,
  searchQuerySchema,
  searchResultSchema,
} from '@kpi/shared/contracts/metadata-catalog';
import { auditPageSchema, customKpiDefinitionSchema } from '@kpi/shared/contracts/metadata-custom-kpi';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { ANY_USER } from '@kpi/shared/platform/auth/roles';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { weakEtag } from '@kpi/shared/platform/http/etag';
import { JSON_CONTENT_TYPE } from '@kpi/shared/platform/http/responses';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { pageQuery } from '@kpi/shared/platform/http/route-kit';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { GLOBAL_TENANT } from './catalog-documents';
import { editGlobalKpi } from './edit-global-kpi';
import { publishCatalog } from './publish-catalog';

httpRoute({
  app: APP,
  name: 'kpi-get',
  method: 'GET',
  route: 'kpis/{id}',
  roles: ANY_USER,
  params: kpiIdParamsSchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: kpiDetailSchema },
  summary:
    'A catalog KPI: formula (as written and canonical), required objects, fields and joins, where it is used',
  tags: ['catalog'],
  handler: async ({ params }) => ({
    body: (await (await dependencies()).catalog.views()).kpiDetail(params.id),
  }),
});

httpRoute({
  app: APP,
  name: 'objects-get',
  method: 'GET',
  route: 'objects',
  roles: ANY_USER,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: objectsSchema },
  summary: 'The whole data object model: objects, typed fields, keys and relationships',
  tags: ['catalog'],
  handler: async () => {
    const views = await (await dependencies()).catalog.views();
    // Serialised once per catalog version; the ETag is the version's.
    return {
      raw: views.objectsJson,
      headers: { etag: `W/"objects-${views.catalogVersion}"`, 'content-type': JSON_CONTENT_TYPE },
    };
  },
});

httpRoute({
  app: APP,
  name: 'objects-graph-get',
  method: 'GET',
  route: 'objects/graph',
  roles: ANY_USER,
  query: objectGraphQuerySchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: objectGraphSchema },
  summary: 'The objects, fields and relationships a set of KPIs needs (`?kpis=a,b`): the UML class diagram',
  tags: ['catalog'],
  handler: async ({ query }) => ({ body: (await (await dependencies()).catalog.views()).graph(query.kpis) }),
});

httpRoute({
  app: APP,
  name: 'search-get',
  method: 'GET',
  route: 'search',
  roles: ANY_USER,
  query: searchQuerySchema,
  responses: { 200: searchResultSchema },
  summary: 'Ranked KPI search over name, tags and description (name matches first)',
  tags: ['catalog'],
  handler: async ({ query }) => {
    const views = await (await dependencies()).catalog.views();
    const { total, items } = views.search.search(query.q, query.limit);
    const body = { catalogVersion: views.catalogVersion, query: query.q, total, items };
    return { body, headers: { etag: weakEtag(JSON.stringify(body)) } };
  },
});

httpRoute({
  app: APP,
  name: 'catalog-kpi-update',
  method: 'PUT',
  route: 'catalog/kpis/{id}',
  roles: ['platform-admin'],
  params: kpiIdParamsSchema,
  body: customKpiDefinitionSchema,
  responses: { 200: kpiDetailSchema },
  summary:
    'Edits a global catalog KPI (platform admins): checked, audited, announced as a new effective catalog version',
  tags: ['catalog'],
  handler: async ({ caller, params, body }) => {
    return { body: await editGlobalKpi(await dependencies(), caller, params.id, body) };
  },
});

httpRoute({
  app: APP,
  name: 'catalog-audit-global-list',
  method: 'GET',
  route: 'catalog/audit',
  roles: ['platform-admin', 'support'],
  query: pageQuery,
  responses: { 200: auditPageSchema },
  summary: 'Who changed which global catalog KPI, when and what (newest first)',
  tags: ['catalog'],
  handler: async ({ caller, query }) => ({
    body: await (await dependencies()).audit.list(scopeFor(caller, GLOBAL_TENANT), query),
  }),
});

httpRoute({
  app: APP,
  name: 'catalog-publish',
  method: 'POST',
  route: 'catalog/publish',
  roles: ['platform-admin'],
  body: z.object({}).strict(),
  responses: {
    200: z.object({ catalogVersion: z.string(), kpiCount: z.number(), imported: z.boolean() }),
  },
  summary: 'Publishes the catalog shipped with this build and announces it with catalog.published',
  tags: ['catalog'],
  handler: async ({ caller }) => {
    const deps = await dependencies();
    const result = await publishCatalog(deps, loadCatalog(), caller.email);
    deps.catalog.invalidate();
    return { body: result };
  },
});
