/** The mailer trigger, and the outbox (records of sent and held-back e-mails) per tenant and for staff. */
import { app } from '@azure/functions';
import { notificationListSchema, notifyMessageSchema } from '@kpi/shared/contracts/monitoring-notification';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { subscriptionName, topicName } from '@kpi/shared/platform/servicebus/entity-names';
import { serviceBusHandler } from '@kpi/shared/platform/servicebus/service-bus-handler';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { FLEET_ROLES, pageOptions, pageQuery, STAFF, tenantParams } from '../support/route-kit';
import { sendLicenseNotice } from './send-license-notice';
import { sendNotifications } from './send-notifications';

app.serviceBusTopic('notifications-send', {
  connection: 'SERVICEBUS',
  topicName: topicName('monitoring-notifications'),
  subscriptionName: subscriptionName('monitoring-notifications', 'mailer'),
  handler: serviceBusHandler({
    app: APP,
    schema: notifyMessageSchema,
    idempotency: { key: (m) => `notify:${m.data.key}`, store: async () => (await dependencies()).effects },
    handler: async (message, meta) => {
      const data = message.data;
      if (data.kind === 'license') await sendLicenseNotice(await dependencies(), data, new Date(), meta.log);
      else await sendNotifications(await dependencies(), data, new Date(), meta.log);
    },
  }),
});

httpRoute({
  app: APP,
  name: 'notifications-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/notifications',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  query: pageQuery,
  responses: { 200: notificationListSchema },
  summary: "The outbox of a tenant's alert and licence e-mails, newest first",
  tags: ['notifications'],
  handler: async ({ caller, params, query }) => ({
    body: await (await dependencies()).notifications.query(
      scopeFor(caller, params.tenantId),
      { orderBy: 'c.at DESC' },
      pageOptions(query),
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'notifications-list-all',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'notifications',
  roles: STAFF,
  query: pageQuery,
  responses: { 200: notificationListSchema },
  summary: 'The outbox of every tenant, newest first (vendor staff)',
  tags: ['notifications'],
  handler: async ({ query }) => ({
    body: await (await dependencies()).allNotifications.query({ orderBy: 'c.at DESC' }, pageOptions(query)),
  }),
});
