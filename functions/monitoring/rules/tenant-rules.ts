/**
 * A tenant's monitoring rules (settings, maintenance windows, silences), read through a short per-process
 * cache: heartbeats of the same tenant arrive every few seconds and need the same rules. Changes through
 * the API invalidate this process's entry; other instances see them within `CACHE_MS`.
 */
import type {
  MaintenanceWindow,
  MonitoringSettings,
  Silence,
  Thresholds,
} from '@kpi/shared/contracts/monitoring-rules';
import { effectiveThresholds } from '@kpi/shared/domain/monitoring/alert-rules';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { AppDeps } from '../dependencies';

export const CACHE_MS = 30_000;
/** Tenant id under which vendor-wide settings (support contacts, default thresholds) are kept. */
export const VENDOR_TENANT = '_vendor';

export interface TenantRules {
  settings: MonitoringSettings | undefined;
  windows: MaintenanceWindow[];
  silences: Silence[];
}

type Stores = Pick<AppDeps, 'settings' | 'windows' | 'silences'>;
const cache = new Map<string, { at: number; rules: Promise<TenantRules> }>();

async function readAll<T>(page: (token?: string) => Promise<{ items: T[]; continuationToken?: string }>) {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < 20; i++) {
    const p = await page(token);
    out.push(...p.items);
    token = p.continuationToken;
    if (!token) break;
  }
  return out;
}

async function load(stores: Stores, scope: TenantScope): Promise<TenantRules> {
  const [settings, windows, silences] = await Promise.all([
    stores.settings.get(scope, 'settings'),
    readAll((t) => stores.windows.list(scope, { maxItemCount: 100, ...(t ? { continuationToken: t } : {}) })),
    readAll((t) =>
      stores.silences.list(scope, { maxItemCount: 100, ...(t ? { continuationToken: t } : {}) }),
    ),
  ]);
  return { settings, windows, silences };
}

/** The tenant's rules, at most `CACHE_MS` old. */
export function tenantRules(stores: Stores, tenantId: string, now = Date.now()): Promise<TenantRules> {
  const hit = cache.get(tenantId);
  if (hit && now - hit.at < CACHE_MS) return hit.rules;
  const rules = load(stores, systemScope(tenantId, 'monitoring rules cache'));
  cache.set(tenantId, { at: now, rules });
  rules.catch(() => cache.delete(tenantId));
  return rules;
}

/** Forget a tenant's cached rules (after a change through the API). */
export function invalidateTenantRules(tenantId: string): void {
  cache.delete(tenantId);
}

/** The thresholds that apply to a tenant: defaults, then vendor-wide settings, then the tenant's own. */
export async function thresholdsFor(stores: Stores, tenantId: string, now = Date.now()): Promise<Thresholds> {
  const [vendor, tenant] = await Promise.all([
    tenantRules(stores, VENDOR_TENANT, now),
    tenantRules(stores, tenantId, now),
  ]);
  return effectiveThresholds({ ...vendor.settings?.thresholds, ...tenant.settings?.thresholds });
}

/** The vendor's account manager for a tenant: the tenant's own, else the default; undefined when none is set. */
export async function accountManagerFor(
  stores: Stores,
  tenantId: string,
  now = Date.now(),
): Promise<string | undefined> {
  const managers = (await tenantRules(stores, VENDOR_TENANT, now)).settings?.accountManagers;
  return managers?.byTenant[tenantId] ?? managers?.default;
}
