/** Routes of configurations: `tenants/{tenantId}/configurations/...` (the edge checks the tenant). */
import type { HttpRequest } from '@azure/functions';
import {
  analysisSchema,
  type ConfigurationView,
  configurationListSchema,
  configurationViewSchema,
  createConfigurationRequestSchema,
  dashboardPreviewQuerySchema,
  dashboardPreviewSchema,
  estimateRequestSchema,
  estimateResponseSchema,
  statusTransitionRequestSchema,
  updateConfigurationRequestSchema,
} from '@kpi/shared/contracts/demo-config';
import { tenantParams } from '@kpi/shared/contracts/ids';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { atLeast } from '@kpi/shared/platform/auth/roles';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { ifMatchOf, pageOf, pageQuery, withEtag } from '@kpi/shared/platform/http/route-kit';
import type { z } from 'zod';
import { analyseConfiguration, estimateConfiguration } from '../analysis/analyse-configuration';
import { dashboardPreview } from '../analysis/dashboard-preview';
import { APP } from '../config';
import { type AppDeps, dependencies } from '../dependencies';
import { CONFIGURATION, CONFIGURATIONS, configurationParams } from './configuration-routes';
import {
  createConfiguration,
  deleteConfiguration,
  findConfiguration,
  listConfigurations,
  toView,
  transitionConfiguration,
  updateConfiguration,
} from './manage-configurations';

const tags = ['configurations'];

/**
 * The handler of a conditional write to the addressed configuration (PATCH, status change): the use case gets
 * the caller's scope and the client's `If-Match`; the answer is the new view with its new etag.
 */
function conditionalWrite<B>(
  write: (
    deps: AppDeps,
    caller: Caller,
    scope: TenantScope,
    id: string,
    body: B,
    ifMatch: string | undefined,
  ) => Promise<ConfigurationView>,
) {
  return async ({ caller, params, body, request }: WriteContext<B>) =>
    withEtag(
      await write(
        await dependencies(),
        caller,
        scopeFor(caller, params.tenantId),
        params.configurationId,
        body,
        ifMatchOf(request),
      ),
    );
}

/** What `conditionalWrite` reads of the route context. */
interface WriteContext<B> {
  caller: Caller;
  params: z.output<typeof configurationParams>;
  body: B;
  request: HttpRequest;
}

httpRoute({
  app: APP,
  name: 'configurations-list',
  method: 'GET',
  route: CONFIGURATIONS,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: tenantParams,
  query: pageQuery,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: configurationListSchema },
  summary: "The tenant's configurations (paged)",
  tags,
  handler: async ({ caller, params, query }) => ({
    body: await listConfigurations(await dependencies(), scopeFor(caller, params.tenantId), pageOf(query)),
  }),
});

httpRoute({
  app: APP,
  name: 'configurations-create',
  method: 'POST',
  route: CONFIGURATIONS,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: tenantParams,
  body: createConfigurationRequestSchema,
  responses: { 201: configurationViewSchema },
  summary: 'Creates a draft configuration; selected KPIs are pinned to the current catalog version',
  tags,
  handler: async ({ caller, params, body }) => {
    const view = await createConfiguration(
      await dependencies(),
      caller,
      scopeFor(caller, params.tenantId),
      body,
    );
    return withEtag(view, 201);
  },
});

httpRoute({
  app: APP,
  name: 'configuration-get',
  method: 'GET',
  route: CONFIGURATION,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: configurationParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: configurationViewSchema },
  summary: 'One configuration, with its ETag (send it back as If-Match)',
  tags,
  handler: async ({ caller, params }) => {
    const found = await findConfiguration(
      await dependencies(),
      scopeFor(caller, params.tenantId),
      params.configurationId,
    );
    return withEtag(toView(found));
  },
});

httpRoute({
  app: APP,
  name: 'configuration-update',
  method: 'PATCH',
  route: CONFIGURATION,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: configurationParams,
  body: updateConfigurationRequestSchema,
  responses: { 200: configurationViewSchema },
  summary: 'Changes a draft: name, description, selected KPIs (replaced), target overrides',
  tags,
  handler: conditionalWrite(updateConfiguration),
});

httpRoute({
  app: APP,
  name: 'configuration-delete',
  method: 'DELETE',
  route: CONFIGURATION,
  roles: atLeast('admin'),
  tenantParam: 'tenantId',
  params: configurationParams,
  summary: 'Deletes a draft configuration and its data source declarations (tenant admins)',
  tags,
  handler: async ({ caller, params, request }) => {
    const scope = scopeFor(caller, params.tenantId);
    await deleteConfiguration(await dependencies(), scope, params.configurationId, ifMatchOf(request));
    return { status: 204 };
  },
});

httpRoute({
  app: APP,
  name: 'configuration-status',
  method: 'POST',
  route: `${CONFIGURATION}/status`,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: configurationParams,
  body: statusTransitionRequestSchema,
  responses: { 200: configurationViewSchema },
  summary: 'Moves the status: draft → proposed → signed (admins), proposed → draft',
  tags,
  handler: conditionalWrite(transitionConfiguration),
});

httpRoute({
  app: APP,
  name: 'configuration-analysis',
  method: 'GET',
  route: `${CONFIGURATION}/analysis`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: configurationParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: analysisSchema },
  summary: 'Required-objects analysis: what the selected KPIs need against what the sources provide',
  tags: ['analysis'],
  handler: async ({ caller, params }) => ({
    body: await analyseConfiguration(
      await dependencies(),
      scopeFor(caller, params.tenantId),
      params.configurationId,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'configuration-estimate',
  method: 'POST',
  route: `${CONFIGURATION}/estimate`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: configurationParams,
  body: estimateRequestSchema,
  responses: { 200: estimateResponseSchema },
  summary:
    'Effort estimate from the analysis with the default model, edited by the parameters sent (changes nothing)',
  tags: ['analysis'],
  handler: async ({ caller, params, body }) => ({
    body: await estimateConfiguration(
      await dependencies(),
      scopeFor(caller, params.tenantId),
      params.configurationId,
      body,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'configuration-dashboard-preview',
  method: 'GET',
  route: `${CONFIGURATION}/dashboard-preview`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: configurationParams,
  query: dashboardPreviewQuerySchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: dashboardPreviewSchema },
  summary: "Demo mode: the KPIs' values, status and last twelve months on the industry's sample data",
  tags: ['analysis'],
  handler: async ({ caller, params, query }) => ({
    body: await dashboardPreview(
      await dependencies(),
      scopeFor(caller, params.tenantId),
      params.configurationId,
      query.month,
    ),
  }),
});
