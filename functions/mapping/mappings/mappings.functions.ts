/** Mapping routes (`mappings...`): drafts, publishing, versions and audit. Thin triggers over the use cases. */

import { mappingDiffSchema } from '@kpi/shared/contracts/mapping';
import {
  auditListSchema,
  createMappingRequestSchema,
  diffQuerySchema,
  listMappingsQuerySchema,
  mappingListSchema,
  mappingParamsSchema,
  mappingViewSchema,
  publishResultSchema,
  updateDraftRequestSchema,
  validationResultSchema,
  versionListSchema,
} from '@kpi/shared/contracts/mapping-app';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { ifMatchOf, withEtag } from '@kpi/shared/platform/http/route-kit';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { createMapping, getMapping, listMappings, updateDraft } from './manage-mappings';
import { diffVersions, listAudit, listVersions, publishDraft, validateWorkingCopy } from './publish-mapping';
import { ADMINS, deploymentScope, MAPPING, MAPPINGS, READERS } from './route-kit';

const tags = ['mappings'];

async function scoped(caller: Parameters<typeof deploymentScope>[0]) {
  const deps = await dependencies();
  return { deps, scope: deploymentScope(caller, deps.tenantId) };
}

httpRoute({
  app: APP,
  name: 'mappings-list',
  method: 'GET',
  route: MAPPINGS,
  roles: READERS,
  query: listMappingsQuerySchema,
  responses: { 200: mappingListSchema },
  summary: 'Mappings with a draft or a published version, by source and/or object',
  tags,
  handler: async ({ caller, query }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await listMappings(deps, scope, query) };
  },
});

httpRoute({
  app: APP,
  name: 'mappings-create',
  method: 'POST',
  route: MAPPINGS,
  roles: ADMINS,
  body: createMappingRequestSchema,
  responses: { 201: mappingViewSchema },
  summary: 'Starts an empty draft mapping a ready source stream onto a catalog object',
  tags,
  handler: async ({ caller, body }) => {
    const { deps, scope } = await scoped(caller);
    return withEtag(await createMapping(deps, scope, caller.email, body), 201);
  },
});

httpRoute({
  app: APP,
  name: 'mapping-get',
  method: 'GET',
  route: MAPPING,
  roles: READERS,
  params: mappingParamsSchema,
  responses: { 200: mappingViewSchema },
  summary:
    "A mapping's draft (ETag: send it back as If-Match), its published version and the stream's columns",
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await scoped(caller);
    const view = await getMapping(deps, scope, params.mappingId);
    return { body: view, ...(view.etag ? { headers: { etag: view.etag } } : {}) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-draft-update',
  method: 'PUT',
  route: `${MAPPING}/draft`,
  roles: ADMINS,
  params: mappingParamsSchema,
  body: updateDraftRequestSchema,
  responses: { 200: mappingViewSchema },
  summary: "Saves the draft's fields (If-Match: 412 when it changed or was published meanwhile)",
  tags,
  handler: async ({ caller, params, body, request }) => {
    const { deps, scope } = await scoped(caller);
    return withEtag(
      await updateDraft(deps, scope, caller.email, params.mappingId, body.fields, ifMatchOf(request)),
    );
  },
});

httpRoute({
  app: APP,
  name: 'mapping-validate',
  method: 'POST',
  route: `${MAPPING}/validate`,
  roles: READERS,
  params: mappingParamsSchema,
  responses: { 200: validationResultSchema },
  summary: 'Issues of the draft (else the published version), each with its field and a stable code',
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await validateWorkingCopy(deps, scope, params.mappingId) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-publish',
  method: 'POST',
  route: `${MAPPING}/publish`,
  roles: ADMINS,
  params: mappingParamsSchema,
  responses: { 200: publishResultSchema },
  statuses: [409, 422],
  summary: 'Publishes the draft as the next version (what ingestion runs); answers what changed',
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await publishDraft(deps, scope, caller.email, params.mappingId) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-versions-list',
  method: 'GET',
  route: `${MAPPING}/versions`,
  roles: READERS,
  params: mappingParamsSchema,
  responses: { 200: versionListSchema },
  summary: 'Published versions, oldest first',
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await listVersions(deps, scope, params.mappingId) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-versions-diff',
  method: 'GET',
  route: `${MAPPING}/diff`,
  roles: READERS,
  params: mappingParamsSchema,
  query: diffQuerySchema,
  responses: { 200: mappingDiffSchema },
  summary: 'Fields added, removed and changed from one version to another (or to the draft)',
  tags,
  handler: async ({ caller, params, query }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await diffVersions(deps, scope, params.mappingId, query.from, query.to) };
  },
});

httpRoute({
  app: APP,
  name: 'mapping-audit-list',
  method: 'GET',
  route: `${MAPPING}/audit`,
  roles: READERS,
  params: mappingParamsSchema,
  responses: { 200: auditListSchema },
  summary: 'Who created, edited and published the mapping, and when',
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await scoped(caller);
    return { body: await listAudit(deps, scope, params.mappingId) };
  },
});
