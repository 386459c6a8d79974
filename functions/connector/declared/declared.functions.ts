/** The Config app's declarations → draft sources: by hand (an admin) and every 15 minutes (timer). */
import { app } from '@azure/functions';
import { importDeclaredResponseSchema } from '@kpi/shared/contracts/connector-app';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { isAppError } from '@kpi/shared/platform/errors';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { invocationLogger } from '@kpi/shared/platform/log';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { ADMINS, deploymentScope } from '../sources/route-kit';
import { importDeclared } from './import-declared';

httpRoute({
  app: APP,
  name: 'declared-sources-import',
  method: 'POST',
  route: 'declared-sources/import',
  roles: ADMINS,
  responses: { 200: importDeclaredResponseSchema },
  statuses: [502],
  summary:
    "Turns the Config app's declarations for this deployment's configuration into draft sources (idempotent)",
  tags: ['sources'],
  handler: async ({ caller }) => {
    const deps = await dependencies();
    return { body: await importDeclared(deps, deploymentScope(caller, deps.tenantId), caller.email) };
  },
});

app.timer('declared-sources-sweep', {
  schedule: '0 */15 * * * *', // idempotent by declaration (rule 6)
  handler: async (_timer, context) => {
    const log = invocationLogger(context, APP);
    const deps = await dependencies();
    try {
      const done = await importDeclared(deps, systemScope(deps.tenantId, 'declared sources sweep'), 'system');
      log.info('declared sources imported', {
        created: done.created.length,
        unchanged: done.unchanged.length,
      });
    } catch (err) {
      // Not yet activated or the vendor unreachable: the next run tries again.
      if (!isAppError(err) || !err.code.startsWith('CONNECTOR.')) throw err;
      log.warn('declared sources not imported', { code: err.code });
    }
  },
});
