/** The audit log of a tenant: commands, alert actions, rule changes. */
import { auditListSchema } from '@kpi/shared/contracts/monitoring-notification';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { FLEET_ROLES, pageOptions, pageQuery, tenantParams } from '../support/route-kit';

httpRoute({
  app: APP,
  name: 'audit-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/audit',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  query: pageQuery,
  responses: { 200: auditListSchema },
  summary: "A tenant's monitoring audit log, newest first",
  tags: ['audit'],
  handler: async ({ caller, params, query }) => ({
    body: await (await dependencies()).audit.query(
      scopeFor(caller, params.tenantId),
      { orderBy: 'c.at DESC' },
      pageOptions(query),
    ),
  }),
});
