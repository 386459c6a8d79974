/**
 * The client deployment's backend (one per client, in the client's own subscription): licence start-up and
 * enforcement, the entitled KPIs from the signed snapshot, heartbeats and remote commands. Triggers only.
 */
import { app } from '@azure/functions';
import { registerFallback } from '@kpi/shared/platform/http/fallback';
import { registerOpenApiRoute } from '@kpi/shared/platform/http/openapi';
import { dependencies } from './dependencies';
import './license/license.functions';
import './catalog/catalog.functions';
import './telemetry/telemetry.functions';
import { APP } from './route-kit';

/** Stores this instance's request minutes every few seconds (never per request). */
const METRICS_FLUSH_MS = 5_000;

app.hook.appStart(() => {
  // Each cold start begins the licence work at once: served from the cache when there is one.
  const a = dependencies();
  a.runtime
    .start()
    .catch((err: unknown) => a.deps.log.error('licence start-up failed', { error: String(err) }));
  setInterval(() => {
    a.instance
      .flush(a.metrics)
      .catch((err: unknown) => a.deps.log.warn('metrics not stored', { error: String(err) }));
  }, METRICS_FLUSH_MS).unref();
});

registerOpenApiRoute(APP, { title: 'KPI Platform client deployment', version: '0.1.0' });
registerFallback(APP);
