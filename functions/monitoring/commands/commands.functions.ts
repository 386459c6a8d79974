/** Remote commands: support issues; tenant admins and staff see what ran; the deployment answers. */
import { entityIdSchema } from '@kpi/shared/contracts/ids';
import {
  commandResultSchema,
  issueCommandSchema,
  remoteCommandListSchema,
  remoteCommandSchema,
} from '@kpi/shared/contracts/monitoring-command';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { deploymentParams, FLEET_ROLES, pageQuery, tenantParams } from '../support/route-kit';
import { issueCommand, listCommands, readDiagnostics, recordCommandResult } from './remote-commands';

httpRoute({
  app: APP,
  name: 'command-issue',
  method: 'POST',
  route: 'tenants/{tenantId}/deployments/{deploymentId}/commands',
  roles: ['support', 'platform-admin'],
  tenantParam: 'tenantId',
  params: deploymentParams,
  body: issueCommandSchema,
  responses: { 201: remoteCommandSchema },
  summary:
    'Issue an allow-listed command with a reason and an expiry; it travels in the next heartbeat response',
  tags: ['commands'],
  handler: async ({ caller, params, body }) => ({
    status: 201,
    body: await issueCommand(await dependencies(), caller, params.tenantId, params.deploymentId, body),
  }),
});

httpRoute({
  app: APP,
  name: 'commands-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/commands',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  query: pageQuery.extend({ deploymentId: z.string().max(100).optional() }),
  responses: { 200: remoteCommandListSchema },
  summary: "Commands run on a tenant's deployments, newest first, with their results",
  tags: ['commands'],
  handler: async ({ caller, params, query }) => ({
    body: await listCommands(await dependencies(), scopeFor(caller, params.tenantId), {
      limit: query.limit,
      ...(query.deploymentId ? { deploymentId: query.deploymentId } : {}),
      ...(query.continuationToken ? { continuationToken: query.continuationToken } : {}),
    }),
  }),
});

httpRoute({
  app: APP,
  name: 'command-result-post',
  method: 'POST',
  route: 'commands/{commandId}/result',
  roles: 'deployment',
  params: z.object({ commandId: entityIdSchema }),
  body: commandResultSchema,
  maxBodyBytes: 600 * 1024,
  responses: { 200: remoteCommandSchema },
  summary: 'The deployment reports the outcome of a command (diagnostics bundles are stored in Blob)',
  tags: ['commands'],
  handler: async ({ caller, params, body }) => ({
    body: await recordCommandResult(await dependencies(), caller, params.commandId, body),
  }),
});

httpRoute({
  app: APP,
  name: 'command-diagnostics-get',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/commands/{commandId}/diagnostics',
  roles: ['support', 'platform-admin'],
  tenantParam: 'tenantId',
  params: tenantParams.extend({ commandId: entityIdSchema }),
  summary: 'The diagnostics bundle a collect-diagnostics command returned (JSON)',
  tags: ['commands'],
  handler: async ({ caller, params }) => ({
    body: await readDiagnostics(await dependencies(), scopeFor(caller, params.tenantId), params.commandId),
  }),
});
