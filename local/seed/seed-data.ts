/**
 * The seeded tenants and their sample configuration: what later issues (Config app, licences, monitor)
 * and the README's examples rely on. Kept as plain data so tests can refer to it.
 */

export interface SeedTenant {
  id: string;
  tenantId: string;
  name: string;
  industryId: string;
  contacts: { name: string; email: string; role: string }[];
  createdAt: string;
}

export interface SeedConfiguration {
  id: string;
  tenantId: string;
  name: string;
  status: 'draft' | 'proposed' | 'signed';
  /** Catalog KPI ids, pinned to the catalog version they were chosen from. */
  selectedKpis: { kpiId: string; catalogVersion: string }[];
  createdBy: string;
  createdAt: string;
}

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
    createdBy: 'olivia@contoso.example',
    createdAt: seededAt,
  };
}
