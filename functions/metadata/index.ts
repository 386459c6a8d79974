/**
 * The metadata Function app: the KPI catalog, single source of truth for KPI definitions. Triggers only:
 * each area registers its routes in its own `*.functions.ts` file, imported here; use cases live beside them.
 */
import './catalog/catalog.functions';
import './formulas/formulas.functions';
import './custom-kpis/custom-kpis.functions';
import './snapshots/snapshot.functions';
import { catalogTreeQuerySchema, catalogTreeSchema } from '@kpi/shared/contracts/catalog-tree';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
// The deployment authenticator is monitoring's (credentials are issued by the licence service).
import { createDeploymentAuthenticator } from '@kpi/shared/platform/auth/deployment-authenticator';
import { ANY_USER } from '@kpi/shared/platform/auth/roles';
import { configureHttpEdge } from '@kpi/shared/platform/http/edge-config';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { JSON_CONTENT_TYPE } from '@kpi/shared/platform/http/responses';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { publishCatalog } from './catalog/publish-catalog';
import { dependencies } from './dependencies';
import { APP } from './route-kit';

// Deployments authenticate with their deployment credential (shared/contracts/deployment-credential.ts).
configureHttpEdge({
  deploymentAuthenticator: createDeploymentAuthenticator((id) => dependencies().credentials.get(id)),
});

httpRoute({
  app: APP,
  name: 'tree-get',
  method: 'GET',
  route: 'tree',
  roles: ANY_USER,
  query: catalogTreeQuerySchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: catalogTreeSchema },
  summary: 'The KPI catalog as a tree Industry → Value chain → Use case → KPI, with counts',
  tags: ['catalog'],
  handler: async ({ query }) => {
    const { json, etag } = await dependencies().tree.tree(query);
    return { raw: json, headers: { etag, 'content-type': JSON_CONTENT_TYPE } };
  },
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
    const deps = dependencies();
    const result = await publishCatalog(deps, loadCatalog(), caller.email);
    deps.catalog.invalidate();
    return { body: result };
  },
});

registerOpenApiRoute(APP, { title: 'KPI Platform metadata service', version: '0.1.0' });
registerFallback(APP);
