/** Run routes (`runs...`), the run-request queue trigger and the scheduler timer: thin triggers. */
import { randomUUID } from 'node:crypto';
import { app } from '@azure/functions';
import { entityIdSchema } from '@kpi/shared/contracts/ids';
import { ingestionRunSchema, runPageSchema, startRunSchema } from '@kpi/shared/contracts/ingestion';
import { notFound } from '@kpi/shared/platform/errors';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { pageOf, pageQuery } from '@kpi/shared/platform/http/route-kit';
import { invocationLogger } from '@kpi/shared/platform/log';
import { queueName } from '@kpi/shared/platform/servicebus/client-entity-names';
import { serviceBusHandler } from '@kpi/shared/platform/servicebus/service-bus-handler';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { ADMINS, callerName, ownTenant, READERS } from '../route-kit';
import { executeRun, queueRun } from './run-ingestion';
import { runRequestedSchema } from './run-request';
import { scheduleRuns } from './schedule-runs';

const tags = ['runs'];

httpRoute({
  app: APP,
  name: 'runs-start',
  method: 'POST',
  route: 'runs',
  roles: ADMINS,
  body: startRunSchema,
  responses: { 202: ingestionRunSchema },
  summary:
    'Queues a run of a published mapping (full refresh or incremental by cursor); poll GET runs/{runId}',
  tags,
  handler: async ({ caller, body }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    const message = {
      ...body,
      runId: `run-${randomUUID()}`,
      trigger: 'http' as const,
      requestedBy: callerName(caller),
    };
    const run = await queueRun(deps, message);
    await deps.request(message);
    return { status: 202, body: run, headers: { location: `/api/${APP}/runs/${run.id}` } };
  },
});

httpRoute({
  app: APP,
  name: 'runs-list',
  method: 'GET',
  route: 'runs',
  roles: READERS,
  query: pageQuery.extend({ mappingId: entityIdSchema.optional() }),
  responses: { 200: runPageSchema },
  summary: 'Run history, newest first: status, counts (read = written + quarantined), progress, errors',
  tags,
  handler: async ({ caller, query }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    return {
      body: await deps.runs.list(query.mappingId ? { mappingId: query.mappingId } : {}, pageOf(query)),
    };
  },
});

httpRoute({
  app: APP,
  name: 'run-get',
  method: 'GET',
  route: 'runs/{runId}',
  roles: READERS,
  params: z.object({ runId: entityIdSchema }),
  responses: { 200: ingestionRunSchema },
  summary: 'One run with its progress (rows so far, rate, ETA), counts, duration and errors',
  tags,
  handler: async ({ caller, params }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    const run = await deps.runs.get(params.runId);
    if (!run) throw notFound('INGESTION.RUN_NOT_FOUND', `Run ${params.runId} does not exist`);
    return { body: run };
  },
});

app.serviceBusQueue('ingestion-run', {
  connection: 'SERVICEBUS',
  queueName: queueName('ingestion-requests'),
  handler: serviceBusHandler({
    app: APP,
    schema: runRequestedSchema,
    idempotency: {
      inherent: 'a run id runs once: a finished run is answered as stored, a running one is left alone',
    },
    handler: async (message, meta) => {
      const deps = await dependencies();
      const run = await executeRun({ ...deps, log: meta.log }, message.data);
      meta.log.info('ingestion run ended', {
        runId: run.id,
        status: run.status,
        rowsRead: run.rowsRead,
        rowsWritten: run.rowsWritten,
        rowsQuarantined: run.rowsQuarantined,
      });
    },
  }),
});

app.timer('ingestion-schedule', {
  schedule: '0 * * * * *', // every minute; a run per NCRONTAB occurrence of each source's schedule
  handler: async (_timer, context) => {
    const log = invocationLogger(context, APP);
    const { queued } = await scheduleRuns({ ...(await dependencies()), log });
    if (queued.length) log.info('scheduled runs queued', { runs: queued });
  },
});
