/** Heartbeat intake (deployment credential) and heartbeat history (tenant admins, staff). */
import {
  HEARTBEAT_LIMITS,
  heartbeatPageSchema,
  heartbeatResponseSchema,
  heartbeatSchema,
} from '@kpi/shared/contracts/monitoring-heartbeat';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { deploymentParams, FLEET_ROLES, pageOptions, pageQuery } from '../support/route-kit';
import { recordHeartbeat } from './record-heartbeat';

httpRoute({
  app: APP,
  name: 'heartbeat-post',
  method: 'POST',
  route: 'heartbeats',
  roles: 'deployment',
  body: heartbeatSchema,
  maxBodyBytes: HEARTBEAT_LIMITS.maxBodyBytes,
  responses: { 200: heartbeatResponseSchema },
  summary: 'A deployment reports its health; the answer carries pending remote commands and the server time',
  tags: ['heartbeats'],
  handler: async ({ caller, body }) => ({ body: await recordHeartbeat(await dependencies(), caller, body) }),
});

httpRoute({
  app: APP,
  name: 'heartbeats-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/deployments/{deploymentId}/heartbeats',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: deploymentParams,
  query: pageQuery,
  responses: { 200: heartbeatPageSchema },
  summary: 'Heartbeat history of a deployment, newest first (kept 7 days)',
  tags: ['heartbeats'],
  handler: async ({ caller, params, query }) => {
    const d = await dependencies();
    // Tenant isolation: the deployment must exist in the caller's (or named) tenant before its history is read.
    const scope = scopeFor(caller, params.tenantId);
    if (!(await d.deployments.get(scope, params.deploymentId))) {
      throw notFound('DEPLOYMENT.NOT_FOUND', `Deployment ${params.deploymentId} does not exist`);
    }
    const page = await d.heartbeats.query(
      {
        where: 'c.tenantId = @t',
        parameters: [{ name: '@t', value: scope.tenantId }],
        orderBy: 'c.receivedAt DESC',
      },
      { ...pageOptions(query), partitionKey: params.deploymentId },
    );
    return { body: page };
  },
});
