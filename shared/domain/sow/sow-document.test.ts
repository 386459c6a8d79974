import { describe, expect, it } from 'vitest';
import { DEFAULT_ESTIMATE_PARAMETERS, estimateEffort } from './estimate';
import { renderSowHtml } from './render-html';
import { buildSowDocument, type SowInput } from './sow-document';

const input: SowInput = {
  vendor: 'KPI Platform Ltd',
  client: 'Contoso <Manufacturing>',
  industry: 'Manufacturing',
  configurationName: 'Plant analytics',
  version: 2,
  date: '2026-11-26',
  kpis: [
    { id: 'oee', name: 'OEE', stage: 'Production', unitLabel: '%', target: 85, status: 'ready' },
    { id: 'scrap', name: 'Scrap rate', stage: 'Production', unitLabel: '%', target: 1.5, status: 'partial' },
    {
      id: 'otd',
      name: 'Supplier on-time delivery',
      stage: 'Procurement',
      unitLabel: '%',
      target: 95,
      status: 'blocked',
    },
  ],
  sources: [{ name: 'MES', type: 'sqlserver', objects: ['WorkOrder'] }],
  objects: [
    { name: 'PurchaseOrder', providedFields: 0, requiredFields: 3 },
    { name: 'WorkOrder', providedFields: 6, requiredFields: 7 },
  ],
  gaps: [
    { object: 'PurchaseOrder', kpis: ['otd'] },
    { object: 'WorkOrder', field: 'scrapQuantity', kpis: ['scrap'] },
  ],
  dashboards: 1,
  estimate: estimateEffort(
    { sourceTypes: ['sqlserver'], objectsToMap: 2, missingFields: 4, catalogKpis: 3, customKpis: 0 },
    DEFAULT_ESTIMATE_PARAMETERS,
  ),
};

describe('SOW document', () => {
  const doc = buildSowDocument(input);

  it('has every section in order', () => {
    const h1 = doc.blocks
      .filter((b) => b.kind === 'heading' && b.level === 1)
      .map((b) => (b as { text: string }).text);
    expect(h1).toEqual([
      '1. Overview',
      '2. Scope',
      '3. Data sources and integration',
      '4. Required objects and gaps',
      '5. Deliverables',
      '6. Effort estimate',
      '7. Assumptions',
      '8. Client responsibilities',
      '9. Change process',
      '10. Acceptance',
      '11. Signatures',
    ]);
    expect(doc.subtitle).toBe('Contoso <Manufacturing> · version 2 · 2026-11-26');
  });

  it('groups KPIs by value chain stage and names every gap', () => {
    const scope = doc.blocks.filter((b) => b.kind === 'table' && b.id.startsWith('scope-'));
    expect(scope.map((t) => (t as { id: string }).id)).toEqual(['scope-Production', 'scope-Procurement']);
    const gaps = doc.blocks.find((b) => b.kind === 'list' && b.items[0]?.startsWith('PurchaseOrder'));
    expect(gaps).toEqual({
      kind: 'list',
      items: ['PurchaseOrder (whole object) — needed by otd', 'WorkOrder.scrapQuantity — needed by scrap'],
    });
  });

  it('carries the estimate table with its totals', () => {
    const table = doc.blocks.find((b) => b.kind === 'table' && b.id === 'estimate');
    if (table?.kind !== 'table') throw new Error('no estimate table');
    expect(table.rows.map((r) => r[0])).toEqual(DEFAULT_ESTIMATE_PARAMETERS.phases.map((p) => p.name));
    expect(table.footer?.[2]).toBe(String(input.estimate.totals.days));
    expect(table.footer?.[4]).toBe(
      `EUR ${input.estimate.totals.cost.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
  });

  it('renders escaped HTML with the tables marked', () => {
    const html = renderSowHtml(doc);
    expect(html).toContain('Contoso &lt;Manufacturing&gt;');
    expect(html).not.toContain('<Manufacturing>');
    expect(html).toContain('<table data-table="estimate">');
    expect(html.match(/<h2>/g)).toHaveLength(11);
  });
});
