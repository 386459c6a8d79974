/**
 * The monitoring Function app: heartbeat intake, deployment status and the due-time sweep, alerts, silences
 * and maintenance windows, e-mail notifications (the only e-mail sender), remote commands, audit; plus
 * platform events and health. Triggers only: each area registers its functions in its own
 * `*.function(s).ts` file, imported here; use cases live beside them.
 */
import './heartbeats/heartbeat.functions';
import './status/sweep.function';
import './deployments/deployments.functions';
import './alerts/alerts.functions';
import './rules/rules.functions';
import './commands/commands.functions';
import './notifications/notifications.functions';
import './audit/audit.functions';
import './licenses/licenses.functions';
import { app } from '@azure/functions';
import { eventEnvelopeSchema, recordedEventListSchema } from '@kpi/shared/contracts/platform-events';
import { platformHealthListSchema } from '@kpi/shared/contracts/platform-health';
import { createDeploymentAuthenticator } from '@kpi/shared/platform/auth/deployment-authenticator';
import { configureHttpEdge } from '@kpi/shared/platform/http/edge-config';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { subscriptionName, topicName } from '@kpi/shared/platform/servicebus/entity-names';
import { serviceBusHandler } from '@kpi/shared/platform/servicebus/service-bus-handler';
import { z } from 'zod';
import { dependencies } from './dependencies';
import { latestEvents, recordEvent } from './events/record-event';
import { checkPlatform } from './health/platform-check';
import { APP, STAFF } from './support/route-kit';

// Deployments authenticate with their deployment credential (shared/contracts/deployment-credential.ts).
configureHttpEdge({
  deploymentAuthenticator: createDeploymentAuthenticator((id) => dependencies().credentials.get(id)),
});

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
      const record = await recordEvent(dependencies().events, envelope, {
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
    const d = dependencies();
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
  tags: ['platform'],
  handler: async ({ query }) => ({ body: { items: await latestEvents(dependencies().events, query.limit) } }),
});

httpRoute({
  app: APP,
  name: 'health-list',
  method: 'GET',
  route: 'health',
  roles: STAFF,
  responses: { 200: platformHealthListSchema },
  summary: 'The latest platform self-check of each app',
  tags: ['platform'],
  handler: async () => ({ body: { items: (await dependencies().health.list()).items } }),
});

registerOpenApiRoute(APP, { title: 'KPI Platform monitoring service', version: '0.2.0' });
registerFallback(APP);
