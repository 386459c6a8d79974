/** What helps while mapping: suggestions, previews on sample rows, KPI completeness, the catalog's objects. */
import {
  completenessQuerySchema,
  mappingCompletenessSchema,
  mappingObjectsSchema,
  mappingParamsSchema,
  previewRequestSchema,
  previewResultSchema,
  suggestionsResultSchema,
} from '@kpi/shared/contracts/mapping-app';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { previewFor, suggestionsFor } from './inspect-mapping';
import { completenessOf, objectsOf } from './mapping-completeness';
import { deploymentScope, MAPPING, READERS } from './route-kit';

const tags = ['mapping-insight'];

async function scoped(caller: Parameters<typeof deploymentScope>[0]) {
  const deps = await dependencies();
  return { deps, scope: deploymentScope(caller, deps.tenantId) };
}

httpRoute({
  app: APP,
  name: 'mapping-suggestions-get',
  method: 'GET',
  route: `${MAPPING}/suggestions`,
  roles: READERS,
  params: mappingParamsSchema,
  responses: { 200: suggestionsResultSchema },
  summary: "Ranked source columns for each field of the object, from the stream's discovered columns",
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await suggestionsFor(deps, scope, params.mappingId) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-preview',
  method: 'POST',
  route: `${MAPPING}/preview`,
  roles: READERS,
  params: mappingParamsSchema,
  body: previewRequestSchema,
  responses: { 200: previewResultSchema },
  summary: "The draft (or the fields sent) applied to the stream's sample rows: every cell's value or error",
  tags,
  handler: async ({ caller, params, body }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await previewFor(deps, scope, params.mappingId, body.fields) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-completeness-get',
  method: 'GET',
  route: 'completeness',
  roles: READERS,
  query: completenessQuerySchema,
  responses: { 200: mappingCompletenessSchema },
  summary:
    'The entitled KPIs ready / partial / blocked with the mappings as drafted, and what each mapping buys',
  tags,
  handler: async ({ caller, query }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await completenessOf(deps, scope, query.basis) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-objects-list',
  method: 'GET',
  route: 'objects',
  roles: READERS,
  responses: { 200: mappingObjectsSchema },
  summary: "The catalog objects the entitled KPIs need, with their fields (from the deployment's snapshot)",
  tags,
  handler: async ({ caller }) => {
    const { deps } = await scoped(caller);
    return { body: await objectsOf(deps) };
  },
});
