/** Saving monitoring settings: a merge over the stored document (or the defaults), optimistic. */
import {
  type MonitoringSettings,
  monitoringSettingsSchema,
  type vendorSettingsInputSchema,
} from '@kpi/shared/contracts/monitoring-rules';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { z } from 'zod';
import type { AppDeps } from '../dependencies';
import { FEW, retryLostRaces } from '../support/retry-lost-races';
import { invalidateTenantRules } from './tenant-rules';

export async function saveSettings(
  deps: Pick<AppDeps, 'settings'>,
  scope: TenantScope,
  input: z.infer<typeof vendorSettingsInputSchema>,
  by: string,
  now = new Date(),
): Promise<MonitoringSettings> {
  return retryLostRaces(async () => {
    const found = await deps.settings.getVersioned(scope, 'settings');
    const base =
      found?.item ??
      monitoringSettingsSchema.parse({
        id: 'settings',
        tenantId: scope.tenantId,
        updatedAt: now.toISOString(),
        updatedBy: by,
      });
    const thresholds = { ...base.thresholds, ...input.thresholds };
    for (const key of input.resetThresholds ?? []) delete thresholds[key];
    const next: MonitoringSettings = {
      ...base,
      ...(input.thresholds || input.resetThresholds ? { thresholds } : {}),
      ...(input.contacts ? { contacts: input.contacts } : {}),
      ...(input.disabledRules ? { disabledRules: input.disabledRules } : {}),
      ...(input.accountManagers ? { accountManagers: input.accountManagers } : {}),
      updatedAt: now.toISOString(),
      updatedBy: by,
    };
    const saved = found
      ? await deps.settings.replace(scope, next, { ifMatch: found.etag })
      : await deps.settings.create(scope, next);
    invalidateTenantRules(scope.tenantId);
    return saved.item;
  }, FEW);
}
