/** Fleet: a tenant's deployments, one deployment, its settings; the cross-tenant fleet for staff. */
import {
  DEPLOYMENT_STATUSES,
  deploymentListSchema,
  deploymentSchema,
  deploymentSettingsSchema,
} from '@kpi/shared/contracts/monitoring-deployment';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import {
  deploymentParams,
  FLEET_ROLES,
  pageOptions,
  pageQuery,
  STAFF,
  tenantParams,
} from '../support/route-kit';
import { changeDeploymentSettings } from './deployment-settings';
import { fleetSummary, tenantSummary } from './fleet-summary';

const fleetQuery = pageQuery.extend({ status: z.enum(DEPLOYMENT_STATUSES).optional() });
const statusFilter = (status: string | undefined) =>
  status ? { where: 'c.status = @s', parameters: [{ name: '@s', value: status }] } : {};

httpRoute({
  app: APP,
  name: 'deployments-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/deployments',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  query: fleetQuery,
  responses: { 200: deploymentListSchema },
  summary: "A tenant's deployments with their status",
  tags: ['fleet'],
  handler: async ({ caller, params, query }) => {
    const scope = scopeFor(caller, params.tenantId);
    const page = await (await dependencies()).deployments.query(
      scope,
      { ...statusFilter(query.status), orderBy: 'c.id' },
      pageOptions(query),
    );
    return { body: page };
  },
});

httpRoute({
  app: APP,
  name: 'fleet-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'deployments',
  roles: STAFF,
  query: fleetQuery,
  responses: { 200: deploymentListSchema },
  summary: 'Every deployment of every tenant (vendor staff)',
  tags: ['fleet'],
  handler: async ({ query }) => {
    const page = await (await dependencies()).allDeployments.query(
      { ...statusFilter(query.status), orderBy: 'c.tenantId' },
      pageOptions(query),
    );
    return { body: page };
  },
});

httpRoute({
  app: APP,
  name: 'deployment-get',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/deployments/{deploymentId}',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: deploymentParams,
  responses: { 200: deploymentSchema },
  summary: 'One deployment: status, timing, latest heartbeat, open alerts',
  tags: ['fleet'],
  handler: async ({ caller, params }) => {
    const found = await (await dependencies()).deployments.get(
      scopeFor(caller, params.tenantId),
      params.deploymentId,
    );
    if (!found) throw notFound('DEPLOYMENT.NOT_FOUND', `Deployment ${params.deploymentId} does not exist`);
    return { body: found };
  },
});

httpRoute({
  app: APP,
  name: 'deployment-put',
  method: 'PUT',
  route: 'tenants/{tenantId}/deployments/{deploymentId}',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: deploymentParams,
  body: deploymentSettingsSchema,
  responses: { 200: deploymentSchema },
  summary: 'Register a deployment or change its name, heartbeat period and grace time',
  tags: ['fleet'],
  handler: async ({ caller, params, body }) => {
    const d = await dependencies();
    const scope = scopeFor(caller, params.tenantId);
    const updated = await changeDeploymentSettings(d, scope, params.deploymentId, body, new Date());
    await recordAudit(d, scope, {
      actor: caller.email,
      action: 'deployment.settings-changed',
      target: params.deploymentId,
      deploymentId: params.deploymentId,
      details: { ...body },
    });
    return { body: updated };
  },
});

const counts = {
  new: z.number(),
  up: z.number(),
  late: z.number(),
  down: z.number(),
  paused: z.number(),
  total: z.number(),
};

httpRoute({
  app: APP,
  name: 'tenant-fleet-summary',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/fleet-summary',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  responses: { 200: z.object(counts) },
  summary: "Counts of a tenant's deployments by status",
  tags: ['fleet'],
  handler: async ({ caller, params }) => ({
    body: await tenantSummary(await dependencies(), scopeFor(caller, params.tenantId)),
  }),
});

httpRoute({
  app: APP,
  name: 'fleet-summary',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'fleet-summary',
  roles: STAFF,
  responses: {
    200: z.object({ tenants: z.array(z.object({ tenantId: z.string(), ...counts })), complete: z.boolean() }),
  },
  summary: 'Counts of deployments by tenant and status (vendor staff)',
  tags: ['fleet'],
  handler: async () => ({ body: await fleetSummary(await dependencies()) }),
});
