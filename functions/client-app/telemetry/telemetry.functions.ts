/**
 * Health (public), the heartbeat timer, and the invocation hooks that count every HTTP request of this
 * instance for the heartbeat (stored per minute: instances share no memory).
 */
import { app } from '@azure/functions';
import { clientHealthSchema } from '@kpi/shared/contracts/client-app';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { invocationLogger } from '@kpi/shared/platform/log';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { licenseHeaders } from '../license/license-runtime';
import { bannerAt } from '../license/loaded-license';
import { sendHeartbeat } from './heartbeat';

httpRoute({
  app: APP,
  name: 'client-health-get',
  method: 'GET',
  route: 'health',
  roles: 'public',
  cache: { maxAgeSeconds: 0 },
  responses: { 200: clientHealthSchema },
  summary: 'Versions and states of this deployment (no business data)',
  tags: ['health'],
  handler: async () => {
    const a = await dependencies();
    const loaded = await a.runtime.current();
    const banner = bannerAt(loaded, a.deps.clock(), a.deps.tenantId);
    return {
      body: {
        status: banner.state === 'refused' ? 'locked' : loaded.state.vendorReachable ? 'ok' : 'degraded',
        appVersion: a.appVersion,
        tenantId: a.deps.tenantId,
        deploymentId: a.deps.deploymentId,
        startedAt: a.startedAt.toISOString(),
        license: banner,
        ...(loaded.snapshot ? { catalogVersion: loaded.snapshot.stored.catalogVersion } : {}),
        vendorReachable: loaded.state.vendorReachable,
        ...(a.lastHeartbeatAt ? { lastHeartbeatAt: a.lastHeartbeatAt.toISOString() } : {}),
      },
      headers: licenseHeaders(banner),
    };
  },
});

app.timer('client-heartbeat', {
  // NCRONTAB (seconds first): every minute.
  schedule: '0 * * * * *',
  handler: async (_timer, context) => {
    const log = invocationLogger(context, APP);
    const a = await dependencies();
    await a.runtime.start();
    if (!(await a.refreshCredential())) {
      log.warn('no heartbeat: the deployment is not activated yet');
      return;
    }
    await a.instance.flush(a.metrics);
    const r = await sendHeartbeat(a.heartbeat, a.metrics, a.deps.clock());
    if (r.sent > 0) a.lastHeartbeatAt = a.deps.clock();
    log.info('heartbeat', r);
  },
});

/** Stores this instance's request minutes every few seconds (never per request). */
const METRICS_FLUSH_MS = 5_000;

app.hook.appStart(() => {
  setInterval(() => {
    dependencies()
      .then((a) =>
        a.instance
          .flush(a.metrics)
          .catch((err: unknown) => a.deps.log.warn('metrics not stored', { error: String(err) })),
      )
      .catch(() => {}); // bad settings: the licence start-up logs them
  }, METRICS_FLUSH_MS).unref();
});

const START = 'clientAppStartedAt';

app.hook.preInvocation((ctx) => {
  ctx.hookData[START] = performance.now();
});

app.hook.postInvocation((ctx) => {
  const began = ctx.hookData[START];
  if (typeof began !== 'number' || ctx.invocationContext.options.trigger.type !== 'httpTrigger') return;
  const result = ctx.result as { status?: number; body?: unknown } | undefined;
  const status = result?.status ?? (ctx.error ? 500 : 200);
  let error: { code: string; message: string } | undefined;
  if (status >= 500 && typeof result?.body === 'string') {
    try {
      const e = (JSON.parse(result.body) as { error?: { code?: string; message?: string } }).error;
      if (e?.code) error = { code: e.code, message: e.message ?? '' };
    } catch {
      // not JSON: counted, not described
    }
  }
  dependencies()
    .then((a) => a.instance.record(performance.now() - began, status >= 500, error))
    .catch(() => {}); // no dependencies: the request itself failed with CONFIG.INVALID and says so
});
