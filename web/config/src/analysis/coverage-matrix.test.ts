import type { AnalysisView } from '@kpi/shared/contracts/demo-config';
import { describe, expect, it } from 'vitest';
import { buildCoverageMatrix, describeCell, describeRow } from './coverage-matrix';

type Obj = AnalysisView['objects'][number];
const object = (name: string, required: number, bySource: Record<string, number>, kpis = ['k1']): Obj => ({
  name,
  kpis,
  fields: [],
  providedBy: Object.keys(bySource),
  providedFields: Math.min(required, Math.max(0, ...Object.values(bySource))),
  requiredFields: required,
  bySource: Object.entries(bySource).map(([sourceId, fields]) => ({ sourceId, fields })),
});

const analysis: Pick<AnalysisView, 'objects' | 'sources'> = {
  sources: [
    { id: 'crm', name: 'CRM', type: 'salesforce' },
    { id: 'mes', name: 'MES', type: 'sqlserver' },
  ],
  objects: [
    object('WorkOrder', 4, { mes: 4 }),
    object('Customer', 2, { crm: 1 }),
    object('Forecast', 3, {}, ['k1', 'k2']),
    object('Inventory', 5, {}),
  ],
};

describe('buildCoverageMatrix', () => {
  const matrix = buildCoverageMatrix(analysis);

  it('puts the least covered objects first, then those more KPIs need', () => {
    expect(matrix.rows.map((r) => r.object)).toEqual(['Forecast', 'Inventory', 'Customer', 'WorkOrder']);
    expect(matrix.rows.map((r) => r.share)).toEqual([0, 0, 0.5, 1]);
  });

  it('orders sources by the fields they provide and gives every row a cell per source', () => {
    expect(matrix.columns.map((c) => [c.id, c.provided])).toEqual([
      ['mes', 4],
      ['crm', 1],
    ]);
    const customer = matrix.rows.find((r) => r.object === 'Customer');
    expect(customer?.cells.map((c) => [c.sourceId, c.provided, c.share])).toEqual([
      ['mes', 0, 0],
      ['crm', 1, 0.5],
    ]);
  });

  it('has no columns without sources, and counts an object needing no fields as covered', () => {
    const empty = buildCoverageMatrix({ sources: [], objects: [object('Plant', 0, {})] });
    expect(empty.columns).toEqual([]);
    expect(empty.rows[0]?.cells).toEqual([]);
    expect(empty.rows[0]?.share).toBe(1);
  });

  it('names each cell for screen readers', () => {
    const customer = matrix.rows.find((r) => r.object === 'Customer')!;
    expect(describeCell(customer.cells[1]!, 'CRM')).toBe(
      'CRM provides 1 of 2 required fields of Customer (50%)',
    );
    expect(describeCell(customer.cells[0]!, 'MES')).toBe(
      'MES provides none of the 2 required fields of Customer',
    );
    expect(describeRow(customer)).toBe('All sources provide 1 of 2 required fields of Customer (50%)');
  });
});
