/**
 * The platform's own state as the Monitor shows it: catalog events recorded from Service Bus and the periodic
 * self-check of this app's dependencies. Thin triggers over `record-event.ts` and `platform-check.ts`.
 */
import { app } from '@azure/functions';
import { eventEnvelopeSchema, recordedEventListSchema } from '@kpi/shared/contracts/platform-events';
import { platformHealthListSchema } from '@kpi/shared/contracts/platform-health';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { subscriptionName, topicName } from '@kpi/shared/platform/servicebus/entity-names';
import { serviceBusHandler } from '@kpi/shared/platform/servicebus/service-bus-handler';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { STAFF } from '../support/route-kit';
import { checkPlatform } from './platform-check';
import { latestEvents, recordEvent } from './record-event';

const tags = ['platform'];

app.serviceBusTopic('catalog-events-record', {
  connection: 'SERVICEBUS',
  topicName: topicName('catalog-events'),
  subscriptionName: subscriptionName('catalog-events', 'monitoring'),
  handler: serviceBusHandler({
    app: APP,
    schema: eventEnvelopeSchema,
    idempotency: { inherent: 'the record is upserted under the message id' },
    handler: async (envelope, meta) => {
      const messageId = meta.messageId ?? `${envelope.type}:${envelope.time}`;
      const record = await recordEvent((await dependencies()).events, envelope, {
        messageId,
        source: 'metadata',
        receivedAt: new Date(),
      });
      meta.log.info('platform event recorded', { type: record.type, subject: record.subject });
    },
  }),
});

app.timer('platform-health-check', {
  // NCRONTAB (seconds first): every 5 minutes, and once when the app starts.
  schedule: '0 */5 * * * *',
  runOnStartup: true,
  handler: async (_timer, context) => {
    const d = await dependencies();
    const health = await checkPlatform(APP, d.probes, new Date());
    await d.health.upsert(health);
    context.log(`platform health: ${health.status}`);
  },
});

httpRoute({
  app: APP,
  name: 'events-list',
  method: 'GET',
  route: 'events',
  roles: STAFF,
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
  responses: { 200: recordedEventListSchema },
  summary: 'The newest platform events (catalog.published, …) as recorded from Service Bus',
  tags,
  handler: async ({ query }) => ({
    body: { items: await latestEvents((await dependencies()).events, query.limit) },
  }),
});

httpRoute({
  app: APP,
  name: 'health-list',
  method: 'GET',
  route: 'health',
  roles: STAFF,
  responses: { 200: platformHealthListSchema },
  summary: 'The latest platform self-check of each app',
  tags,
  handler: async () => ({ body: { items: (await (await dependencies()).health.list()).items } }),
});
