/** Result routes for the dashboards: values by period (ETag), the change feed, breakdowns. */
import {
  breakdownParamsSchema,
  breakdownQuerySchema,
  kpiBreakdownSchema,
  kpiResultChangesSchema,
  kpiResultListSchema,
  resultChangesQuerySchema,
  resultsQuerySchema,
} from '@kpi/shared/contracts/calculation';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { breakdown } from './breakdown';
import { readChanges, readResults } from './read-results';
import { READERS } from './roles';

const tags = ['results'];

httpRoute({
  app: APP,
  name: 'results-list',
  method: 'GET',
  route: 'results',
  roles: READERS,
  query: resultsQuerySchema,
  cache: { maxAgeSeconds: 0 }, // ETag over the body: If-None-Match answers 304 while nothing changed
  responses: { 200: kpiResultListSchema },
  summary: 'Entitled KPI values by period at one grain (from..to: period starts, inclusive)',
  tags,
  handler: async ({ caller, query }) => ({ body: await readResults(await dependencies(), caller, query) }),
});

httpRoute({
  app: APP,
  name: 'results-changes',
  method: 'GET',
  route: 'results/changes',
  roles: READERS,
  query: resultChangesQuerySchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: kpiResultChangesSchema },
  summary:
    'Results written since a token (the `token` of a previous answer): a cheap way to learn what changed',
  tags,
  handler: async ({ caller, query }) => ({ body: await readChanges(await dependencies(), caller, query) }),
});

httpRoute({
  app: APP,
  name: 'kpi-breakdown-get',
  method: 'GET',
  route: 'kpis/{kpiId}/breakdown',
  roles: READERS,
  params: breakdownParamsSchema,
  query: breakdownQuerySchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: kpiBreakdownSchema },
  summary: 'One KPI for one period split by a dimension (the largest groups, the rest as "other")',
  tags,
  handler: async ({ caller, params, query }) => ({
    body: await breakdown(await dependencies(), caller, { kpiId: params.kpiId, ...query }),
  }),
});
