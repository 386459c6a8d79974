/** Source routes (`sources...`, `source-types`): thin triggers over the use cases in this folder. */
import {
  createSourceRequestSchema,
  discoverRequestSchema,
  patchSourceRequestSchema,
  sampleQuerySchema,
  sampleResponseSchema,
  sourceListSchema,
  sourceTypesSchema,
  sourceViewSchema,
  uploadFileRequestSchema,
  uploadFileResponseSchema,
  CONNECTOR_APP_LIMITS,
} from '@kpi/shared/contracts/connector-app';
import { sourceStatusSchema } from '@kpi/shared/contracts/source';
import { testResultSchema } from '@kpi/shared/contracts/connector';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { ifMatchOf, pageOf, pageQuery, withEtag } from '@kpi/shared/platform/http/route-kit';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { discoverSource, sampleStream, testSource } from './check-sources';
import {
  createSource,
  deleteSource,
  findSource,
  listSources,
  patchSource,
  sourceView,
} from './manage-sources';
import { ADMINS, deploymentScope, READERS, SOURCE, SOURCES, sourceParams, streamParams } from './route-kit';
import { sourceTypes } from './source-types';
import { uploadFile } from './upload-file';

const tags = ['sources'];

httpRoute({
  app: APP,
  name: 'source-types-list',
  method: 'GET',
  route: 'source-types',
  roles: READERS,
  cache: { maxAgeSeconds: 300 },
  responses: { 200: sourceTypesSchema },
  summary:
    'Every source type the Config app declares; SQL Server, Dynamics 365, SAP and Salesforce are not yet available',
  tags,
  handler: async () => ({ body: sourceTypes() }),
});

httpRoute({
  app: APP,
  name: 'sources-list',
  method: 'GET',
  route: SOURCES,
  roles: READERS,
  query: pageQuery,
  responses: { 200: sourceListSchema },
  summary: "The deployment's sources (paged): status, type, objects, streams; no definitions or secrets",
  tags,
  handler: async ({ caller, query }) => {
    const deps = await dependencies();
    return { body: await listSources(deps, deploymentScope(caller, deps.tenantId), pageOf(query)) };
  },
});

httpRoute({
  app: APP,
  name: 'sources-create',
  method: 'POST',
  route: SOURCES,
  roles: ADMINS,
  body: createSourceRequestSchema,
  responses: { 201: sourceViewSchema },
  summary: 'Creates a source (a draft until tested and discovered); its secrets go to Key Vault only',
  tags,
  handler: async ({ caller, body }) => {
    const deps = await dependencies();
    const scope = deploymentScope(caller, deps.tenantId);
    return withEtag(await createSource(deps, scope, caller.email, body), 201);
  },
});

httpRoute({
  app: APP,
  name: 'source-get',
  method: 'GET',
  route: SOURCE,
  roles: ADMINS,
  params: sourceParams,
  responses: { 200: sourceViewSchema },
  summary: 'One source: definition, masked secrets, last test and discovery',
  tags,
  handler: async ({ caller, params }) => {
    const deps = await dependencies();
    const found = await findSource(deps, deploymentScope(caller, deps.tenantId), params.sourceId);
    return withEtag(await sourceView(deps.secrets, found));
  },
});

httpRoute({
  app: APP,
  name: 'source-patch',
  method: 'PATCH',
  route: SOURCE,
  roles: ADMINS,
  params: sourceParams,
  body: patchSourceRequestSchema,
  responses: { 200: sourceViewSchema },
  summary: 'Changes a source (send If-Match with the ETag read; 412 when it changed meanwhile)',
  tags,
  handler: async ({ caller, params, body, request }) => {
    const deps = await dependencies();
    const scope = deploymentScope(caller, deps.tenantId);
    return withEtag(await patchSource(deps, scope, caller.email, params.sourceId, body, ifMatchOf(request)));
  },
});

httpRoute({
  app: APP,
  name: 'source-delete',
  method: 'DELETE',
  route: SOURCE,
  roles: ADMINS,
  params: sourceParams,
  summary: 'Removes a source (send If-Match with the ETag read)',
  tags,
  handler: async ({ caller, params, request }) => {
    const deps = await dependencies();
    await deleteSource(deps, deploymentScope(caller, deps.tenantId), params.sourceId, ifMatchOf(request));
    return { status: 204 };
  },
});

httpRoute({
  app: APP,
  name: 'source-test',
  method: 'POST',
  route: `${SOURCE}/test`,
  roles: ADMINS,
  params: sourceParams,
  responses: {
    200: z.object({
      status: sourceStatusSchema,
      lastTest: testResultSchema.and(z.object({ testedAt: z.string() })),
    }),
  },
  statuses: [409, 422],
  summary: 'Connects and proves access; a failure is answered 200 with its stable SOURCE.* code and stored',
  tags,
  handler: async ({ caller, params, log }) => {
    const deps = await dependencies();
    const scope = deploymentScope(caller, deps.tenantId);
    return { body: await testSource(deps, scope, caller.email, params.sourceId, log) };
  },
});

httpRoute({
  app: APP,
  name: 'source-discover',
  method: 'POST',
  route: `${SOURCE}/discover`,
  roles: ADMINS,
  params: sourceParams,
  body: discoverRequestSchema,
  responses: { 200: sourceViewSchema },
  statuses: [409, 422, 502, 503, 504],
  summary:
    'Discovers streams, columns, types, key and cursor candidates, row estimates and sample rows; stores them',
  tags,
  handler: async ({ caller, params, body, log }) => {
    const deps = await dependencies();
    const scope = deploymentScope(caller, deps.tenantId);
    return withEtag(await discoverSource(deps, scope, caller.email, params.sourceId, body, log));
  },
});

httpRoute({
  app: APP,
  name: 'source-sample',
  method: 'GET',
  route: `${SOURCE}/streams/{stream}/sample`,
  roles: ADMINS,
  params: streamParams,
  query: sampleQuerySchema,
  responses: { 200: sampleResponseSchema },
  statuses: [409, 422, 502, 503, 504],
  summary: 'The first rows of one stream, read live from the source',
  tags,
  handler: async ({ caller, params, query, log }) => {
    const deps = await dependencies();
    const scope = deploymentScope(caller, deps.tenantId);
    return { body: await sampleStream(deps, scope, params.sourceId, params.stream, query.limit, log) };
  },
});

httpRoute({
  app: APP,
  name: 'source-file-upload',
  method: 'POST',
  route: `${SOURCE}/files`,
  roles: ADMINS,
  params: sourceParams,
  body: uploadFileRequestSchema,
  // base64 of the largest file, and the JSON around it.
  maxBodyBytes: Math.ceil((CONNECTOR_APP_LIMITS.uploadBytes * 4) / 3) + 4096,
  responses: { 201: uploadFileResponseSchema },
  statuses: [409, 422],
  summary: "Uploads a file (base64) into a blob-files source's container, under its prefix",
  tags,
  handler: async ({ caller, params, body, log }) => {
    const deps = await dependencies();
    const scope = deploymentScope(caller, deps.tenantId);
    return { status: 201, body: await uploadFile(deps, scope, params.sourceId, body, log) };
  },
});
