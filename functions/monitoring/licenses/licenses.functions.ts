/** Licence tracking: the `license-events` consumer, and the tracked licences per tenant and for staff. */
import { app } from '@azure/functions';
import {
  licenseEventMessageSchema,
  type TrackedLicense,
  trackedLicenseListSchema,
} from '@kpi/shared/contracts/monitoring-license';
import { daysLeft } from '@kpi/shared/domain/monitoring/license-rules';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { subscriptionName, topicName } from '@kpi/shared/platform/servicebus/entity-names';
import { serviceBusHandler } from '@kpi/shared/platform/servicebus/service-bus-handler';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { accountManagerFor } from '../rules/tenant-rules';
import { FLEET_ROLES, pageOptions, pageQuery, STAFF, tenantParams } from '../support/route-kit';
import { trackLicenseEvent } from './track-license';

app.serviceBusTopic('license-events-track', {
  connection: 'SERVICEBUS',
  topicName: topicName('license-events'),
  subscriptionName: subscriptionName('license-events', 'monitoring'),
  handler: serviceBusHandler({
    app: APP,
    schema: licenseEventMessageSchema,
    idempotency: {
      key: (m) => `license-event:${m.data.idempotencyKey}`,
      store: async () => (await dependencies()).effects,
    },
    handler: async (message, meta) => {
      const tracked = await trackLicenseEvent(await dependencies(), message);
      meta.log.info('licence event tracked', { type: message.type, licenseId: tracked?.id });
    },
  }),
});

/** A page of tracked licences, each with its days left as of now. */
function withDaysLeft<P extends { items: TrackedLicense[] }>(page: P) {
  const now = new Date();
  return { ...page, items: page.items.map((l) => ({ ...l, daysLeft: daysLeft(l.expiresAt, now) })) };
}

httpRoute({
  app: APP,
  name: 'licenses-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/licenses',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  query: pageQuery,
  responses: { 200: trackedLicenseListSchema },
  summary: "A tenant's licences as monitoring tracks them (status, days left, last event)",
  tags: ['licences'],
  handler: async ({ caller, params, query }) => {
    const page = await (await dependencies()).licenses.query(
      scopeFor(caller, params.tenantId),
      { orderBy: 'c.expiresAt' },
      pageOptions(query),
    );
    return { body: withDaysLeft(page) };
  },
});

httpRoute({
  app: APP,
  name: 'licenses-list-all',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'licenses',
  roles: STAFF,
  query: pageQuery,
  responses: { 200: trackedLicenseListSchema },
  summary: 'Every tracked licence, soonest expiry first (vendor staff)',
  tags: ['licences'],
  handler: async ({ query }) => {
    const page = await (await dependencies()).allLicenses.query(
      { orderBy: 'c.expiresAt' },
      pageOptions(query),
    );
    return { body: withDaysLeft(page) };
  },
});

httpRoute({
  app: APP,
  name: 'account-manager-get',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/account-manager',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  responses: { 200: z.object({ tenantId: z.string(), email: z.string().optional() }) },
  summary:
    "Who at the vendor handles the tenant's licences and renewals (the vendor settings' account manager)",
  tags: ['licences'],
  handler: async ({ caller, params }) => {
    const scope = scopeFor(caller, params.tenantId);
    const email = await accountManagerFor(await dependencies(), scope.tenantId);
    return { body: { tenantId: scope.tenantId, ...(email ? { email } : {}) } };
  },
});
