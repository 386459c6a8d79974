/** `GET tree`: the KPI catalog as a tree, served from memory with its ETag. */
import { catalogTreeQuerySchema, catalogTreeSchema } from '@kpi/shared/contracts/catalog-tree';
import { ANY_USER } from '@kpi/shared/platform/auth/roles';
import { JSON_CONTENT_TYPE } from '@kpi/shared/platform/http/responses';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { APP } from '../config';
import { dependencies } from '../dependencies';

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
    const { json, etag } = await (await dependencies()).tree.tree(query);
    return { raw: json, headers: { etag, 'content-type': JSON_CONTENT_TYPE } };
  },
});
