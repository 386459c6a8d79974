/** Routes of tenants: `tenants`, `tenants/{tenantId}`. */
import { createTenantRequestSchema, tenantListSchema, tenantSchema } from '@kpi/shared/contracts/demo-config';
import { tenantParams } from '@kpi/shared/contracts/ids';
import { atLeast } from '@kpi/shared/platform/auth/roles';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { pageOf, pageQuery } from '@kpi/shared/platform/http/route-kit';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { createTenant, getTenant, listTenants } from './manage-tenants';

const tags = ['tenants'];
const TENANT = 'tenants/{tenantId}';

httpRoute({
  app: APP,
  name: 'tenants-create',
  method: 'POST',
  route: 'tenants',
  roles: ['platform-admin'],
  body: createTenantRequestSchema,
  responses: { 201: tenantSchema },
  summary: 'Creates a client tenant (platform admins)',
  tags,
  handler: async ({ caller, body }) => ({
    status: 201,
    body: await createTenant(await dependencies(), caller, body),
  }),
});

httpRoute({
  app: APP,
  name: 'tenants-list',
  method: 'GET',
  route: 'tenants',
  roles: atLeast('viewer'),
  query: pageQuery,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: tenantListSchema },
  summary: 'Vendor staff: every tenant (paged); tenant users: their own tenant',
  tags,
  handler: async ({ caller, query }) => ({
    body: await listTenants(await dependencies(), caller, pageOf(query)),
  }),
});

httpRoute({
  app: APP,
  name: 'tenant-get',
  method: 'GET',
  route: TENANT,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: tenantParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: tenantSchema },
  summary: 'One tenant',
  tags,
  handler: async ({ caller, params }) => ({
    body: await getTenant(await dependencies(), caller, params.tenantId),
  }),
});
