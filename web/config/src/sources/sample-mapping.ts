import type { InferredType, InferSampleResponse } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import type { DraftField, DraftObjects } from './source-draft';

/** Which catalog field each column of the sample provides: column → field name (absent: not used). */
export type ColumnMapping = Readonly<Record<string, string>>;

/** How well a column's inferred type fits the catalog field it is mapped to. */
export type TypeFit = 'exact' | 'compatible' | 'mismatch' | 'unmapped';

/** One row of the column → field table. */
export interface ColumnMappingRow {
  column: string;
  inferred: InferredType;
  nullable: boolean;
  filled: number;
  /** The catalog field the column is mapped to. */
  field: string | undefined;
  fieldType: string | undefined;
  /** The service suggested this very field for the column. */
  suggested: boolean;
  fit: TypeFit;
  /** Another column is mapped to the same field. */
  duplicate: boolean;
}

/** The service's column → field suggestion as a mapping. */
export function suggestedMapping(response: InferSampleResponse): ColumnMapping {
  const out: Record<string, string> = {};
  for (const m of response.suggestion?.fields ?? []) out[m.column] = m.field;
  return out;
}

// Which inferred column types can feed a catalog field type without loss (besides the same type).
const COMPATIBLE: Record<string, readonly InferredType[]> = {
  string: ['integer', 'decimal', 'boolean', 'date', 'datetime'],
  enum: ['string', 'integer'],
  integer: [],
  decimal: ['integer'],
  money: ['integer', 'decimal'],
  boolean: [],
  date: ['datetime'],
  datetime: ['date'],
};

/** How an inferred column type fits a catalog field type. */
export function typeFit(inferred: InferredType, fieldType: string | undefined): TypeFit {
  if (fieldType === undefined) return 'unmapped';
  if (inferred === fieldType || (fieldType === 'money' && inferred === 'decimal')) return 'exact';
  return COMPATIBLE[fieldType]?.includes(inferred) ? 'compatible' : 'mismatch';
}

/** The rows of the mapping table, in the file's column order. */
export function mappingRows(
  response: InferSampleResponse,
  object: DataObject | undefined,
  mapping: ColumnMapping,
): ColumnMappingRow[] {
  const suggested = suggestedMapping(response);
  const types = new Map(object?.fields.map((f) => [f.name, f.type]) ?? []);
  const uses = new Map<string, number>();
  for (const c of response.columns) {
    const field = mapping[c.name];
    if (field) uses.set(field, (uses.get(field) ?? 0) + 1);
  }
  return response.columns.map((c) => {
    const field = mapping[c.name] && types.has(mapping[c.name] ?? '') ? mapping[c.name] : undefined;
    const fieldType = field ? types.get(field) : undefined;
    return {
      column: c.name,
      inferred: c.type,
      nullable: c.nullable,
      filled: c.filled,
      field,
      fieldType,
      suggested: field !== undefined && suggested[c.name] === field,
      fit: typeFit(c.type, fieldType),
      duplicate: field !== undefined && (uses.get(field) ?? 0) > 1,
    };
  });
}

/** What stops the mapping from being accepted; empty when it can be. */
export function mappingProblems(rows: readonly ColumnMappingRow[]): string[] {
  const problems: string[] = [];
  if (!rows.some((r) => r.field)) problems.push('Map at least one column to a field.');
  const duplicates = [...new Set(rows.filter((r) => r.duplicate).map((r) => r.field))];
  for (const field of duplicates) problems.push(`Several columns are mapped to ${field}: keep one.`);
  return problems;
}

/**
 * Adds the mapped columns to the draft as fields of `objectName`, each with its source column and inferred
 * type; fields already chosen keep their place and take the new column.
 */
export function acceptMapping(
  objects: DraftObjects,
  objectName: string,
  rows: readonly ColumnMappingRow[],
): DraftObjects {
  const fields: Record<string, DraftField> = { ...(objects[objectName] ?? {}) };
  for (const r of rows) {
    if (!r.field || r.duplicate) continue;
    fields[r.field] = { sourceColumn: r.column, type: r.inferred };
  }
  return { ...objects, [objectName]: fields };
}

/** A human label for a type fit, used in the table and its screen-reader text. */
export const TYPE_FIT_LABEL: Record<TypeFit, string> = {
  exact: 'Types match',
  compatible: 'Compatible type',
  mismatch: 'Type differs',
  unmapped: 'Not used',
};
