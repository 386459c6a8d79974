/** What every route of this Function app shares: its name, path parameters and the caller's tenant scope. */

import { entityIdSchema, tenantParams } from '@kpi/shared/contracts/ids';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { ifMatchOf, pageOf, pageQuery, withEtag } from '@kpi/shared/platform/http/route-kit';
import type { z } from 'zod';
import { findConfiguration } from './configurations/manage-configurations';
import { dependencies } from './dependencies';

export const APP = 'demo-config';

const id = entityIdSchema;

/** `tenants/{tenantId}`: the tenant a route addresses (checked against the caller by the edge). */
export { tenantParams };
export const configurationParams = tenantParams.extend({ configurationId: id });
export const sourceParams = configurationParams.extend({ sourceId: id });

export const TENANT = 'tenants/{tenantId}';
export const CONFIGURATIONS = `${TENANT}/configurations`;
export const CONFIGURATION = `${CONFIGURATIONS}/{configurationId}`;
export const SOURCES = `${CONFIGURATION}/sources`;

// Paging, If-Match and ETag answers are the platform's (shared/platform/http/route-kit.ts).
export { ifMatchOf, pageOf, pageQuery, withEtag };

/**
 * The app's dependencies and the caller's scope for a route below one configuration, once the configuration
 * is known to exist there (404 `CONFIGURATION.NOT_FOUND` otherwise, also for another tenant's id): for routes
 * whose own answer would not say that the configuration is missing (an empty list, an inference).
 */
export async function inExistingConfiguration(caller: Caller, params: z.output<typeof configurationParams>) {
  const deps = dependencies();
  const scope = scopeFor(caller, params.tenantId);
  await findConfiguration(deps, scope, params.configurationId);
  return { deps, scope };
}
