/** Routes of tenant custom KPIs: `tenants/{tenantId}/custom-kpis/...` (the edge checks the tenant). */

import { tenantParams } from '@kpi/shared/contracts/ids';
import {
  objectGraphQuerySchema,
  objectGraphSchema,
  validFormulaSchema,
} from '@kpi/shared/contracts/metadata-catalog';
import type { CustomKpi } from '@kpi/shared/contracts/metadata-custom-kpi';
import {
  auditPageSchema,
  createCustomKpiBodySchema,
  customKpiDefinitionSchema,
  customKpiIdSchema,
  customKpiPageSchema,
  customKpiParamsSchema,
  customKpiVersionSchema,
  customKpiViewSchema,
  deprecateBodySchema,
  diffQuerySchema,
  diffSchema,
  publishBodySchema,
  versionPageSchema,
  versionParamsSchema,
} from '@kpi/shared/contracts/metadata-custom-kpi';
import { atLeast } from '@kpi/shared/platform/auth/roles';
import type { Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { ifMatchOf, pageQuery } from '@kpi/shared/platform/http/route-kit';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { validateFormula } from '../formulas/validate-formula';

const BASE = 'tenants/{tenantId}/custom-kpis';
const ONE = `${BASE}/{kpiId}`;
const tags = ['custom-kpis'];
/** `?kpiId=` narrows the audit trail to one KPI. */
const auditQuery = pageQuery.extend({ kpiId: customKpiIdSchema.optional() });

/** A custom KPI as answered: with its draft's diagnostics and its etag (send it back as `If-Match`). */
async function view(scope: TenantScope, found: Versioned<CustomKpi>, status = 200) {
  const diagnostics = await (await dependencies()).customKpis.diagnostics(scope, found.item);
  return { status, body: { ...found.item, diagnostics }, headers: { etag: found.etag } };
}

httpRoute({
  app: APP,
  name: 'custom-kpis-list',
  method: 'GET',
  route: BASE,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: tenantParams,
  query: pageQuery,
  responses: { 200: customKpiPageSchema },
  summary: "The tenant's custom KPIs (paged)",
  tags,
  handler: async ({ caller, params, query }) => ({
    body: await (await dependencies()).customKpis.list(scopeFor(caller, params.tenantId), query),
  }),
});

httpRoute({
  app: APP,
  name: 'custom-kpis-create',
  method: 'POST',
  route: BASE,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: tenantParams,
  body: createCustomKpiBodySchema,
  responses: { 201: customKpiViewSchema },
  summary: 'Creates a custom KPI draft (its formula may still be invalid; diagnostics are returned)',
  tags,
  handler: async ({ caller, params, body }) => {
    const scope = scopeFor(caller, params.tenantId);
    return view(scope, await (await dependencies()).customKpis.create(scope, caller, body), 201);
  },
});

httpRoute({
  app: APP,
  name: 'custom-kpi-get',
  method: 'GET',
  route: ONE,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: customKpiParamsSchema,
  responses: { 200: customKpiViewSchema },
  summary: 'A custom KPI: status, draft definition with diagnostics, latest published version',
  tags,
  handler: async ({ caller, params }) => {
    const scope = scopeFor(caller, params.tenantId);
    return view(scope, await (await dependencies()).customKpis.get(scope, params.kpiId));
  },
});

httpRoute({
  app: APP,
  name: 'custom-kpi-update',
  method: 'PUT',
  route: ONE,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: customKpiParamsSchema,
  body: customKpiDefinitionSchema,
  responses: { 200: customKpiViewSchema },
  summary:
    'Replaces the draft definition (send `If-Match` with the ETag read; 412 when it changed meanwhile)',
  tags,
  handler: async ({ caller, params, body, request }) => {
    const ifMatch = ifMatchOf(request);
    const scope = scopeFor(caller, params.tenantId);
    return view(
      scope,
      await (await dependencies()).customKpis.update(scope, caller, params.kpiId, body, ifMatch),
    );
  },
});

httpRoute({
  app: APP,
  name: 'custom-kpi-validate',
  method: 'POST',
  route: `${ONE}/validate`,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: customKpiParamsSchema,
  body: z.object({}).strict(),
  responses: { 200: validFormulaSchema },
  summary: "Checks the draft's formula: 200 with requirements, or 422 FORMULA.INVALID with diagnostics",
  tags,
  handler: async ({ caller, params }) => {
    const deps = await dependencies();
    const scope = scopeFor(caller, params.tenantId);
    const { item } = await deps.customKpis.get(scope, params.kpiId);
    return {
      body: validateFormula(await deps.customKpis.engineFor(scope), item.definition.formula, item.id),
    };
  },
});

httpRoute({
  app: APP,
  name: 'custom-kpi-publish',
  method: 'POST',
  route: `${ONE}/publish`,
  roles: atLeast('admin'),
  tenantParam: 'tenantId',
  params: customKpiParamsSchema,
  body: publishBodySchema,
  responses: {
    200: z.object({
      kpi: customKpiViewSchema.omit({ diagnostics: true }),
      version: customKpiVersionSchema,
      /** False when the latest version already held the draft (a repeated publish): nothing new was made. */
      created: z.boolean(),
    }),
  },
  summary:
    'Publishes the draft as the next immutable version (idempotent) and announces kpi.published on catalog-events',
  tags,
  handler: async ({ caller, params, body }) => ({
    body: await (await dependencies()).customKpis.publish(
      scopeFor(caller, params.tenantId),
      caller,
      params.kpiId,
      body.note,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'custom-kpi-deprecate',
  method: 'POST',
  route: `${ONE}/deprecate`,
  roles: atLeast('admin'),
  tenantParam: 'tenantId',
  params: customKpiParamsSchema,
  body: deprecateBodySchema,
  responses: { 200: customKpiViewSchema.omit({ diagnostics: true }) },
  summary: 'Deprecates a custom KPI: no more edits or publishes; its versions stay readable',
  tags,
  handler: async ({ caller, params, body }) => ({
    body: await (await dependencies()).customKpis.deprecate(
      scopeFor(caller, params.tenantId),
      caller,
      params.kpiId,
      body.reason,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'custom-kpi-versions-list',
  method: 'GET',
  route: `${ONE}/versions`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: customKpiParamsSchema,
  query: pageQuery,
  responses: { 200: versionPageSchema },
  summary: 'Published versions of a custom KPI, newest first',
  tags,
  handler: async ({ caller, params, query }) => ({
    body: await (await dependencies()).customKpis.versions(
      scopeFor(caller, params.tenantId),
      params.kpiId,
      query,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'custom-kpi-version-get',
  method: 'GET',
  route: `${ONE}/versions/{version}`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: versionParamsSchema,
  cache: { maxAgeSeconds: 3600 },
  responses: { 200: customKpiVersionSchema },
  summary: 'One immutable published version',
  tags,
  handler: async ({ caller, params }) => ({
    body: await (await dependencies()).customKpis.version(
      scopeFor(caller, params.tenantId),
      params.kpiId,
      params.version,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'custom-kpi-diff',
  method: 'GET',
  route: `${ONE}/diff`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: customKpiParamsSchema,
  query: diffQuerySchema,
  responses: { 200: diffSchema },
  summary: 'Field-by-field difference between two versions (`?from=1&to=2`), or a version and the draft',
  tags,
  handler: async ({ caller, params, query }) => ({
    body: await (await dependencies()).customKpis.diff(
      scopeFor(caller, params.tenantId),
      params.kpiId,
      query.from,
      query.to,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'tenant-objects-graph-get',
  method: 'GET',
  route: 'tenants/{tenantId}/objects/graph',
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: tenantParams,
  query: objectGraphQuerySchema,
  responses: { 200: objectGraphSchema },
  summary:
    "The UML graph for a selection of catalog KPIs and the tenant's custom KPIs (latest version, or a valid draft)",
  tags,
  handler: async ({ caller, params, query }) => {
    const deps = await dependencies();
    const scope = scopeFor(caller, params.tenantId);
    const [views, custom] = await Promise.all([
      deps.catalog.views(),
      deps.customKpis.requirementsOf(scope, query.kpis),
    ]);
    return { body: views.graph(query.kpis, custom) };
  },
});

httpRoute({
  app: APP,
  name: 'catalog-audit-list',
  method: 'GET',
  route: 'tenants/{tenantId}/audit',
  roles: [...atLeast('admin'), 'support'],
  tenantParam: 'tenantId',
  params: tenantParams,
  query: auditQuery,
  responses: { 200: auditPageSchema },
  summary: "Who changed which of the tenant's custom KPIs, when and what (newest first)",
  tags,
  handler: async ({ caller, params, query }) => ({
    body: await (await dependencies()).audit.list(scopeFor(caller, params.tenantId), query),
  }),
});
