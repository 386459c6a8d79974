/**
 * The seeded tenants and their sample configuration: what later issues (Config app, licences, monitor)
 * and the README's examples rely on. Kept as plain data so tests can refer to it.
 */

import type { Configuration, DataSource, Tenant } from '@kpi/shared/contracts/demo-config';

/** A tenant item of the `tenants` container (schema: `tenantSchema`, owned by demo-config). */
export type SeedTenant = Tenant;

/** A configuration item of the `configurations` container (schema: `configurationSchema`). */
export type SeedConfiguration = Configuration;

const seededAt = '2026-01-05T09:00:00.000Z';

export const seedTenants: SeedTenant[] = [
  {
    id: 'contoso',
    tenantId: 'contoso',
    name: 'Contoso Manufacturing',
    industryId: 'manufacturing',
    contacts: [{ name: 'Olivia Owens', email: 'olivia@contoso.example', role: 'owner' }],
    createdAt: seededAt,
  },
  {
    id: 'fabrikam',
    tenantId: 'fabrikam',
    name: 'Fabrikam Retail',
    industryId: 'retail',
    contacts: [{ name: 'Alex Alvarez', email: 'alex@fabrikam.example', role: 'admin' }],
    createdAt: seededAt,
  },
];

/** Contoso's sample configuration: the first KPIs of its industry's first use cases. */
export function sampleConfiguration(catalogVersion: string, kpiIds: readonly string[]): SeedConfiguration {
  return {
    id: 'contoso-plant-analytics',
    tenantId: 'contoso',
    name: 'Plant performance analytics',
    status: 'draft',
    selectedKpis: kpiIds.map((kpiId) => ({ kpiId, catalogVersion })),
    targetOverrides: [],
    statusHistory: [],
    createdBy: 'olivia@contoso.example',
    createdAt: seededAt,
  };
}

/**
 * Contoso's plant MES, declared on the sample configuration: it provides work orders only, so the analysis
 * shows ready work-order KPIs, and gaps for forecasts, inventory and purchasing.
 */
export const sampleDataSource: DataSource = {
  id: 'contoso-mes',
  tenantId: 'contoso',
  configurationId: 'contoso-plant-analytics',
  type: 'sqlserver',
  name: 'Plant MES (SQL Server)',
  objects: [
    {
      name: 'WorkOrder',
      fields: [
        'id',
        'status',
        'plannedStart',
        'plannedEnd',
        'actualEnd',
        'plannedQuantity',
        'goodQuantity',
      ].map((name) => ({ name })),
    },
  ],
  createdBy: 'olivia@contoso.example',
  createdAt: seededAt,
};
