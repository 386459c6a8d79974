/** `GET snapshot`: a client deployment's signed catalog snapshot (deployment credential, ETag/304). */
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { signedSnapshot } from './snapshot-service';

httpRoute({
  app: APP,
  name: 'snapshot-get',
  method: 'GET',
  route: 'snapshot',
  roles: 'deployment',
  responses: {
    200: z.object({
      catalogVersion: z.string(),
      keyId: z.string(),
      kpiCount: z.number().int(),
      /** Compact JWS (EdDSA, typ kpi-catalog-snapshot+jwt); verify with GET /api/license/jwks. */
      jws: z.string(),
    }),
  },
  summary:
    "The deployment's selected KPIs (its licence's) with the KPIs they reference and the objects they need, signed by the platform",
  tags: ['snapshots'],
  handler: async ({ caller }) => {
    const { etag, ...body } = await signedSnapshot((await dependencies()).snapshots, caller);
    return { body, headers: { etag, 'cache-control': 'private, no-cache' } };
  },
});
