import type { AnalysisView } from '@kpi/shared/contracts/demo-config';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CoverageGrid, coverageColour } from './CoverageHeatmap';
import { buildCoverageMatrix } from './coverage-matrix';

const field = (name: string, providedBy: string[]) => ({
  name,
  type: 'string',
  usages: [],
  kpis: ['k'],
  providedBy,
});
const objects: AnalysisView['objects'] = [
  {
    name: 'WorkOrder',
    kpis: ['k', 'k2'],
    fields: [field('id', ['mes']), field('status', ['mes']), field('plannedEnd', [])],
    providedBy: ['mes'],
    providedFields: 2,
    requiredFields: 3,
    bySource: [{ sourceId: 'mes', fields: 2 }],
  },
  {
    name: 'Forecast',
    kpis: ['k'],
    fields: [field('quantity', [])],
    providedBy: [],
    providedFields: 0,
    requiredFields: 1,
    bySource: [],
  },
];
const sources: AnalysisView['sources'] = [
  { id: 'mes', name: 'Plant MES', type: 'sqlserver' },
  { id: 'crm', name: 'CRM', type: 'salesforce' },
];

describe('CoverageGrid', () => {
  const html = renderToStaticMarkup(
    <CoverageGrid
      matrix={buildCoverageMatrix({ objects, sources })}
      objects={objects}
      width={900}
      height={120}
    />,
  );
  const cells = [...html.matchAll(/<rect [^>]*data-testid="coverage-cell"[^>]*>/g)].map((m) => m[0]);

  it('draws one focusable, labelled cell per object and source, the uncovered object first', () => {
    expect(cells).toHaveLength(4);
    expect(cells[0]).toContain('data-object="Forecast"');
    expect(cells.map((c) => /aria-label="([^"]*)"/.exec(c)?.[1])).toEqual([
      'Plant MES provides none of the 1 required fields of Forecast',
      'CRM provides none of the 1 required fields of Forecast',
      'Plant MES provides 2 of 3 required fields of WorkOrder (67%)',
      'CRM provides none of the 3 required fields of WorkOrder',
    ]);
    // Roving focus: exactly one cell of the whole grid is in the tab order.
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html.match(/tabindex="-1"/g)).toHaveLength(5);
  });

  it('colours a cell by its share and leaves empty cells neutral', () => {
    expect(cells[2]).toContain(`fill="${coverageColour(2 / 3)}"`);
    expect(cells[1]).toContain('fill="#eef1f5"');
    expect(coverageColour(0)).not.toBe(coverageColour(1));
  });

  it('labels the combined column and the KPI counts', () => {
    expect(html).toContain('All sources provide 2 of 3 required fields of WorkOrder (67%)');
    expect(html).toContain('2 KPIs');
    expect(html).toContain('1 KPI<');
  });
});
