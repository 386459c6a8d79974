/** Licence routes (status, validation history, renewed key), the licence timer and the cold start. */
import { app } from '@azure/functions';
import {
  licenseStatusSchema,
  renewKeyRequestSchema,
  validationHistoryPageSchema,
  validationHistoryQuerySchema,
} from '@kpi/shared/contracts/client-app';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { invocationLogger } from '@kpi/shared/platform/log';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { ADMINS, READERS } from '../route-kit';
import { checkOwnTenant, licenseHeaders } from './license-runtime';
import { statusView } from './loaded-license';
import { installKey } from './renew-key';

const tags = ['licence'];

app.hook.appStart(async () => {
  // Each cold start begins the licence work at once: served from the cache when there is one.
  try {
    const a = await dependencies();
    a.runtime
      .start()
      .catch((err: unknown) => a.deps.log.error('licence start-up failed', { error: String(err) }));
  } catch (err) {
    console.error(`client-app: no dependencies at start-up: ${String(err)}`);
  }
});

async function currentStatus() {
  const { deps, runtime } = await dependencies();
  const view = statusView(await runtime.current(), deps.clock(), deps);
  return { body: view, headers: licenseHeaders(view) };
}

httpRoute({
  app: APP,
  name: 'client-license-get',
  method: 'GET',
  route: 'license',
  roles: READERS,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: licenseStatusSchema },
  summary:
    'The licence as this deployment enforces it: state, days left, reason, entitled KPIs (answers when refused too)',
  tags,
  handler: async ({ caller }) => {
    checkOwnTenant(caller, (await dependencies()).deps.tenantId);
    return currentStatus();
  },
});

httpRoute({
  app: APP,
  name: 'client-license-validations',
  method: 'GET',
  route: 'license/validations',
  roles: ADMINS,
  query: validationHistoryQuerySchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: validationHistoryPageSchema },
  summary:
    "The deployment's licence checks, newest first (offline, activation, online, snapshot, installed keys)",
  tags,
  handler: async ({ caller, query }) => {
    const { deps, runtime } = await dependencies();
    checkOwnTenant(caller, deps.tenantId);
    const page = await deps.history.page(query.limit, query.continuationToken);
    return { body: page, headers: licenseHeaders(await runtime.banner()) };
  },
});

httpRoute({
  app: APP,
  name: 'client-license-key-put',
  method: 'PUT',
  route: 'license/key',
  roles: ADMINS,
  body: renewKeyRequestSchema,
  maxBodyBytes: 128 * 1024,
  responses: { 200: licenseStatusSchema },
  summary:
    'Installs a renewed licence key: verified, stored in Key Vault, validated online, in force at once',
  tags,
  handler: async ({ caller, body }) => {
    const { deps, runtime } = await dependencies();
    checkOwnTenant(caller, deps.tenantId);
    await installKey(deps, runtime, body.key, caller.email);
    return currentStatus();
  },
});

app.timer('client-license-refresh', {
  // NCRONTAB (seconds first): every 5 minutes. Online validation runs only when checkAgainAt is due.
  schedule: '0 */5 * * * *',
  handler: async (_timer, context) => {
    const log = invocationLogger(context, APP);
    const { runtime } = await dependencies();
    await runtime.start();
    const report = await runtime.sync({ trigger: 'timer' });
    log.info('licence refresh done', { ...report });
  },
});
