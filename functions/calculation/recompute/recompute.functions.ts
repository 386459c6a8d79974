/** Recompute triggers: ingestion events (incremental), the nightly timer and `POST recompute` (full). */
import { app } from '@azure/functions';
import { recomputeSummarySchema } from '@kpi/shared/contracts/calculation';
import { lakeChangeSchema } from '@kpi/shared/contracts/lake';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { invocationLogger } from '@kpi/shared/platform/log';
import { subscriptionName, topicName } from '@kpi/shared/platform/servicebus/client-entity-names';
import { serviceBusHandler } from '@kpi/shared/platform/servicebus/service-bus-handler';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { checkOwnTenant } from '../results/read-results';
import { ADMINS } from '../results/roles';

app.serviceBusTopic('lake-changes-recompute', {
  connection: 'SERVICEBUS',
  topicName: topicName('ingestion-events'),
  subscriptionName: subscriptionName('ingestion-events', 'calculation'),
  handler: serviceBusHandler({
    app: APP,
    schema: lakeChangeSchema, // anything else is dead-lettered with the validation problems as reason
    idempotency: {
      // One effect per manifest version of an object: a redelivered or duplicated event is skipped. Beyond
      // that the recompute diffs the manifest against what results were computed from, so a burst coalesces.
      key: (m) => `lake-change:${m.data.object}:${m.data.manifestVersion}`,
      store: async () => (await dependencies()).effects,
    },
    handler: async (message, meta) => {
      const summary = await (await dependencies()).calculation.lakeChanged(message.data.object);
      meta.log.info('lake change recomputed', {
        object: message.data.object,
        type: message.type,
        ...summary,
      });
    },
  }),
});

app.timer('results-nightly-recompute', {
  schedule: '0 30 1 * * *', // NCRONTAB, seconds first: every night at 01:30 UTC (the to-date periods move on)
  handler: async (_timer, context) => {
    const log = invocationLogger(context, APP);
    log.info('nightly recompute done', { ...(await (await dependencies()).calculation.full()) });
  },
});

httpRoute({
  app: APP,
  name: 'results-recompute',
  method: 'POST',
  route: 'recompute',
  roles: ADMINS,
  responses: { 200: recomputeSummarySchema },
  summary: 'Recomputes every entitled KPI for every period now (the `recompute` remote command)',
  tags: ['recompute'],
  handler: async ({ caller }) => {
    const d = await dependencies();
    checkOwnTenant(caller, d.tenantId);
    return { body: await d.calculation.full() };
  },
});
