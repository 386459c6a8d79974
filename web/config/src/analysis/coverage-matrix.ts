import type { AnalysisView, SourceType } from '@kpi/shared/contracts/demo-config';

/** One cell of the heat map: how much of an object's required fields one source provides. */
export interface MatrixCell {
  object: string;
  sourceId: string;
  /** Required fields of the object this source provides. */
  provided: number;
  required: number;
  /** provided / required, 0..1 (1 when nothing is required). */
  share: number;
}

/** A row: one required object, with its coverage over all sources together. */
export interface MatrixRow {
  object: string;
  required: number;
  /** Required fields provided by any source. */
  provided: number;
  share: number;
  /** Selected KPIs that need the object. */
  kpis: number;
  cells: MatrixCell[];
}

/** A column: one declared source. */
export interface MatrixColumn {
  id: string;
  name: string;
  type: SourceType;
  /** Required fields it provides over every object. */
  provided: number;
}

export interface CoverageMatrix {
  rows: MatrixRow[];
  columns: MatrixColumn[];
}

const share = (provided: number, required: number) => (required === 0 ? 1 : provided / required);
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The objects × sources matrix of an analysis. Rows are sorted so gaps stand out: least covered first, then
 * the objects more KPIs need, then by name; columns by how much they provide, then by name. Every row has a
 * cell for every column (0 where the source does not provide the object).
 */
export function buildCoverageMatrix(analysis: Pick<AnalysisView, 'objects' | 'sources'>): CoverageMatrix {
  const provided = new Map<string, number>();
  for (const o of analysis.objects)
    for (const b of o.bySource) provided.set(b.sourceId, (provided.get(b.sourceId) ?? 0) + b.fields);
  const columns: MatrixColumn[] = analysis.sources
    .map((s) => ({ id: s.id, name: s.name, type: s.type, provided: provided.get(s.id) ?? 0 }))
    .sort((a, b) => b.provided - a.provided || byName(a.name, b.name) || byName(a.id, b.id));
  const rows: MatrixRow[] = analysis.objects
    .map((o) => {
      const bySource = new Map(o.bySource.map((b) => [b.sourceId, b.fields]));
      return {
        object: o.name,
        required: o.requiredFields,
        provided: o.providedFields,
        share: share(o.providedFields, o.requiredFields),
        kpis: o.kpis.length,
        cells: columns.map((c) => {
          const n = bySource.get(c.id) ?? 0;
          return {
            object: o.name,
            sourceId: c.id,
            provided: n,
            required: o.requiredFields,
            share: share(n, o.requiredFields),
          };
        }),
      };
    })
    .sort((a, b) => a.share - b.share || b.kpis - a.kpis || byName(a.object, b.object));
  return { rows, columns };
}

/** "Plant MES provides 5 of 7 required fields of WorkOrder (71%)" — the cell's accessible name. */
export function describeCell(cell: MatrixCell, sourceName: string): string {
  if (cell.provided === 0)
    return `${sourceName} provides none of the ${cell.required} required fields of ${cell.object}`;
  return `${sourceName} provides ${cell.provided} of ${cell.required} required fields of ${cell.object} (${percent(cell.share)})`;
}

/** The combined cell's accessible name. */
export function describeRow(row: MatrixRow): string {
  return `All sources provide ${row.provided} of ${row.required} required fields of ${row.object} (${percent(row.share)})`;
}

/** 0.714 → "71%" */
export const percent = (share: number) => `${Math.round(share * 100)}%`;
