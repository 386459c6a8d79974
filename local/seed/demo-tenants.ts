/**
 * Demo mode: one seeded demo tenant per catalog industry (`demo-<industry>`), each with a configuration that
 * selects KPIs across the industry's value chains and two declared data sources, so a consultant can open the
 * analyzer, the SOW and the dashboard preview of any industry in front of a prospect. Derived from the
 * bundled catalog and the formula engine (never typed by hand), so the demo follows catalog changes; the
 * sources cover the KPIs' requirements only in part, so the analysis shows ready, partial and blocked KPIs.
 */
import type { Configuration, DataSource, SourceType, Tenant } from '@kpi/shared/contracts/demo-config';
import type { Catalog } from '@kpi/shared/domain/catalog/types';
import { FormulaEngine } from '@kpi/shared/domain/formula/index';
import { mergeRequirements, type RequiredObject } from '@kpi/shared/domain/formula/requirements';

/** The items seeded for demo mode (each parses with the demo-config contracts). */
export interface DemoTenantItems {
  tenants: Tenant[];
  configurations: Configuration[];
  sources: DataSource[];
}

/** How many KPIs each demo configuration selects (spread over the value chains). */
export const DEMO_KPIS_PER_TENANT = 10;

const seededAt = '2026-01-05T09:00:00.000Z';
const seededBy = 'ada@vendor.example';

/** A typical landscape per industry: the system of record, then a file or API feed. */
const LANDSCAPES: Record<string, readonly [[SourceType, string], [SourceType, string]]> = {
  manufacturing: [
    ['sap', 'SAP S/4HANA'],
    ['csv', 'Plant floor exports (CSV)'],
  ],
  retail: [
    ['dynamics365', 'Dynamics 365 Commerce'],
    ['excel', 'Merchandising plans (Excel)'],
  ],
  healthcare: [
    ['sqlserver', 'Patient administration (SQL Server)'],
    ['csv', 'Department extracts (CSV)'],
  ],
  'financial-services': [
    ['salesforce', 'Salesforce Financial Services Cloud'],
    ['postgresql', 'Core banking warehouse (PostgreSQL)'],
  ],
  'energy-utilities': [
    ['sap', 'SAP IS-U'],
    ['rest', 'Smart meter API (REST)'],
  ],
  logistics: [
    ['postgresql', 'Transport management (PostgreSQL)'],
    ['rest', 'Telematics API (REST)'],
  ],
};
const FALLBACK_LANDSCAPE: readonly [[SourceType, string], [SourceType, string]] = [
  ['sqlserver', 'ERP database (SQL Server)'],
  ['csv', 'Spreadsheet exports (CSV)'],
];

/** The demo tenant id of an industry. */
export const demoTenantId = (industryId: string) => `demo-${industryId}`.slice(0, 63);

/** KPIs of an industry, taken round-robin over its value chains so every chain is represented. */
export function demoKpiIds(catalog: Catalog, industryId: string, count = DEMO_KPIS_PER_TENANT): string[] {
  const queues = catalog.stages
    .filter((s) => s.industryId === industryId)
    .map((s) => catalog.useCases.filter((u) => u.stageId === s.id).flatMap((u) => u.kpiIds));
  const chosen: string[] = [];
  for (let round = 0; chosen.length < count && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const id = q[round];
      if (id !== undefined && !chosen.includes(id) && chosen.length < count) chosen.push(id);
    }
  }
  return chosen;
}

/**
 * The demo items of every industry in the catalog. The first source provides every required field of the
 * objects most KPIs need, the second the next objects less one field each; the rest stay gaps.
 */
export function demoTenantItems(catalog: Catalog): DemoTenantItems {
  const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
  const items: DemoTenantItems = { tenants: [], configurations: [], sources: [] };
  for (const industry of catalog.industries) {
    const tenantId = demoTenantId(industry.id);
    const configurationId = `${tenantId}-showcase`;
    const kpiIds = demoKpiIds(catalog, industry.id);
    items.tenants.push({
      id: tenantId,
      tenantId,
      name: `Demo · ${industry.name}`,
      industryId: industry.id,
      contacts: [{ name: 'Ada Admin', email: seededBy, role: 'consultant' }],
      createdAt: seededAt,
      createdBy: seededBy,
    });
    items.configurations.push({
      id: configurationId,
      tenantId,
      name: `${industry.name} KPI showcase`,
      description: `Demo configuration: KPIs across every ${industry.name.toLowerCase()} value chain.`,
      status: 'draft',
      selectedKpis: kpiIds.map((kpiId) => ({ kpiId, catalogVersion: catalog.catalogVersion })),
      targetOverrides: [],
      statusHistory: [],
      createdBy: seededBy,
      createdAt: seededAt,
    });

    const requirements = kpiIds.map((id) => engine.requirementsOf(id)).filter((r) => r !== null);
    const needed = new Map<string, number>();
    for (const r of requirements)
      for (const o of r.objects) needed.set(o.name, (needed.get(o.name) ?? 0) + 1);
    const objects = [...mergeRequirements(requirements).objects].sort(
      (a, b) => (needed.get(b.name) ?? 0) - (needed.get(a.name) ?? 0) || (a.name < b.name ? -1 : 1),
    );
    const primaryCount = Math.max(1, Math.ceil(objects.length / 2));
    const secondary = objects.slice(primaryCount, Math.max(primaryCount, objects.length - 1));
    const [[primaryType, primaryName], [secondaryType, secondaryName]] =
      LANDSCAPES[industry.id] ?? FALLBACK_LANDSCAPE;
    const source = (
      suffix: string,
      type: SourceType,
      name: string,
      provided: RequiredObject[],
      drop: number,
    ) => ({
      id: `${tenantId}-${suffix}`,
      tenantId,
      configurationId,
      type,
      name,
      objects: provided.map((o) => ({
        name: o.name,
        // Leaving out the last non-key field of each object makes its KPIs partial, not ready.
        fields: (drop && o.fields.length > 1 ? withoutLastValueField(o) : o.fields).map((f) => ({
          name: f.name,
        })),
      })),
      createdBy: seededBy,
      createdAt: seededAt,
    });
    items.sources.push(source('primary', primaryType, primaryName, objects.slice(0, primaryCount), 0));
    if (secondary.length) items.sources.push(source('files', secondaryType, secondaryName, secondary, 1));
  }
  return items;
}

function withoutLastValueField(o: RequiredObject): RequiredObject['fields'] {
  const index = o.fields.findLastIndex((f) => !f.usages.includes('join'));
  return index < 0 ? o.fields : o.fields.filter((_, i) => i !== index);
}

/**
 * Writes the demo items through the seed's create-if-absent (so a consultant's edits to a demo survive a
 * restart); returns how many were added.
 */
export async function seedDemoTenants(
  catalog: Catalog,
  createIfAbsent: (
    container: 'tenants' | 'configurations' | 'data-sources',
    item: object,
  ) => Promise<boolean>,
): Promise<number> {
  const items = demoTenantItems(catalog);
  let added = 0;
  for (const t of items.tenants) if (await createIfAbsent('tenants', t)) added++;
  for (const c of items.configurations) if (await createIfAbsent('configurations', c)) added++;
  for (const s of items.sources) if (await createIfAbsent('data-sources', s)) added++;
  return added;
}
