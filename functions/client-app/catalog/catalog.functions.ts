/** The entitled KPIs with their definitions from the signed snapshot (data routes: licence enforced). */
import {
  CLIENT_APP_ERROR_CODES,
  kpiEnvelopeSchema,
  kpiListSchema,
  kpiParamsSchema,
} from '@kpi/shared/contracts/client-app';
import { AppError, notFound } from '@kpi/shared/platform/errors';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { checkOwnTenant, licenseHeaders } from '../license/license-runtime';
import { entitledKpis } from '../license/loaded-license';
import { READERS } from '../route-kit';

const tags = ['kpis'];

/** The licence guard of data routes, then the entitled KPIs (503 while no snapshot was ever fetched). */
async function servable(caller: { tenantId?: string }) {
  const { deps, runtime } = await dependencies();
  checkOwnTenant(caller, deps.tenantId);
  const { loaded, banner } = await runtime.guard();
  const headers = licenseHeaders(banner);
  if (!loaded.snapshot) {
    throw new AppError(
      CLIENT_APP_ERROR_CODES.noSnapshot,
      'The catalog snapshot has not been fetched from the vendor platform yet',
      503,
      banner,
      { ...headers, 'retry-after': '30' },
    );
  }
  return {
    banner,
    headers,
    catalogVersion: loaded.snapshot.stored.catalogVersion,
    kpis: entitledKpis(loaded, banner),
  };
}

httpRoute({
  app: APP,
  name: 'client-kpis-list',
  method: 'GET',
  route: 'kpis',
  roles: READERS,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: kpiListSchema },
  summary: 'The KPIs the licence entitles, with their definitions from the signed catalog snapshot',
  tags,
  handler: async ({ caller }) => {
    const s = await servable(caller);
    return {
      body: { license: s.banner, catalogVersion: s.catalogVersion, items: s.kpis },
      headers: s.headers,
    };
  },
});

httpRoute({
  app: APP,
  name: 'client-kpi-get',
  method: 'GET',
  route: 'kpis/{kpiId}',
  roles: READERS,
  params: kpiParamsSchema,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: kpiEnvelopeSchema },
  summary: 'One entitled KPI (404 for a KPI the licence does not entitle)',
  tags,
  handler: async ({ caller, params }) => {
    const s = await servable(caller);
    const kpi = s.kpis.find((k) => k.id === params.kpiId);
    if (!kpi)
      throw notFound(CLIENT_APP_ERROR_CODES.kpiNotFound, 'No such KPI among those the licence entitles');
    return { body: { license: s.banner, catalogVersion: s.catalogVersion, kpi }, headers: s.headers };
  },
});
