/**
 * The paths and path parameters of routes below one configuration (`tenants/{tenantId}/configurations/...`),
 * declared once here and imported by the sources and SOW areas.
 */
import { entityIdSchema, tenantParams } from '@kpi/shared/contracts/ids';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { z } from 'zod';
import { dependencies } from '../dependencies';
import { findConfiguration } from './manage-configurations';

export const configurationParams = tenantParams.extend({ configurationId: entityIdSchema });

export const CONFIGURATIONS = 'tenants/{tenantId}/configurations';
export const CONFIGURATION = `${CONFIGURATIONS}/{configurationId}`;

/**
 * The app's dependencies and the caller's scope for a route below one configuration, once the configuration
 * is known to exist there (404 `CONFIGURATION.NOT_FOUND` otherwise, also for another tenant's id): for routes
 * whose own answer would not say that the configuration is missing (an empty list, an inference).
 */
export async function inExistingConfiguration(caller: Caller, params: z.output<typeof configurationParams>) {
  const deps = await dependencies();
  const scope = scopeFor(caller, params.tenantId);
  await findConfiguration(deps, scope, params.configurationId);
  return { deps, scope };
}
