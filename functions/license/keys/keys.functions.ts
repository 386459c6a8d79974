/** `GET jwks`: the public keys that verify licence keys (and the metadata app's catalog snapshots). */
import { jwksSchema } from '@kpi/shared/contracts/license';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { APP } from '../config';
import { dependencies } from '../dependencies';

httpRoute({
  app: APP,
  name: 'jwks-get',
  method: 'GET',
  route: 'jwks',
  roles: 'public',
  cache: { maxAgeSeconds: 3600 },
  responses: { 200: jwksSchema },
  summary: 'The public keys that verify licence keys (JWKS, Ed25519)',
  tags: ['keys'],
  handler: async () => ({ body: (await dependencies()).jwks() }),
});
