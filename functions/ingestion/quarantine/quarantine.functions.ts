/** Quarantine routes: list, CSV download and replay after the mapping was fixed. */
import { randomUUID } from 'node:crypto';
import { entityIdSchema } from '@kpi/shared/contracts/ids';
import { quarantinePageSchema, replayResultSchema, replaySchema } from '@kpi/shared/contracts/ingestion';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { pageOf, pageQuery } from '@kpi/shared/platform/http/route-kit';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { ADMINS, callerName, EDITORS, ownTenant } from '../route-kit';
import { quarantineCsv } from './quarantine-csv';
import { replayQuarantine } from './replay-quarantine';

const tags = ['quarantine'];
const filter = z.object({
  mappingId: entityIdSchema,
  runId: entityIdSchema.optional(),
  status: z.enum(['open', 'replayed']).optional(),
});
const filterOf = (q: z.infer<typeof filter>) => ({
  ...(q.runId ? { runId: q.runId } : {}),
  ...(q.status ? { status: q.status } : {}),
});

httpRoute({
  app: APP,
  name: 'quarantine-list',
  method: 'GET',
  route: 'quarantine',
  roles: EDITORS,
  query: pageQuery.extend(filter.shape),
  responses: { 200: quarantinePageSchema },
  summary: "A mapping's quarantined rows: row number, field, value, rule, and the source row (paged)",
  tags,
  handler: async ({ caller, query }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    return { body: await deps.quarantine.list(query.mappingId, filterOf(query), pageOf(query)) };
  },
});

httpRoute({
  app: APP,
  name: 'quarantine-csv',
  method: 'GET',
  route: 'quarantine.csv',
  roles: EDITORS,
  query: filter,
  summary: "A mapping's quarantine as CSV (one line per failing field), up to 50,000 rows",
  tags,
  handler: async ({ caller, query }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    const rows = [];
    let token: string | undefined;
    do {
      const page = await deps.quarantine.list(query.mappingId, filterOf(query), {
        maxItemCount: 1000,
        ...(token ? { continuationToken: token } : {}),
      });
      rows.push(...page.items);
      token = page.continuationToken;
    } while (token && rows.length < 50_000);
    return {
      raw: quarantineCsv(rows),
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="quarantine-${query.mappingId}.csv"`,
      },
    };
  },
});

httpRoute({
  app: APP,
  name: 'quarantine-replay',
  method: 'POST',
  route: 'quarantine/replay',
  roles: ADMINS,
  body: replaySchema,
  responses: { 200: replayResultSchema },
  summary: "Replays a mapping's open quarantine through its published mapping (after a fix)",
  tags,
  handler: async ({ caller, body }) => {
    const deps = await dependencies();
    ownTenant(caller, deps.tenantId);
    return {
      body: await replayQuarantine(deps, {
        mappingId: body.mappingId,
        runId: `replay-${randomUUID()}`,
        requestedBy: callerName(caller),
      }),
    };
  },
});
