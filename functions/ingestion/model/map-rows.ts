/**
 * Source rows → object records through a compiled mapping, then checked against the object's types (the
 * Parquet schema): a row failing either goes to the quarantine with each field, value and rule, never into
 * the lake and never dropped silently. `read = written + quarantined` holds for every batch.
 */
import type { QuarantinedRow } from '@kpi/shared/contracts/ingestion';
import { MAPPING_LIMITS, type QuarantineEntry } from '@kpi/shared/contracts/mapping';
import type { DataObject, Field } from '@kpi/shared/domain/catalog/types';
import type { CompiledMapping, MappedRecord, SourceRow } from '@kpi/shared/domain/mapping/index';

export const TYPE_MISMATCH = 'VALUE.TYPE_MISMATCH';

export interface MappedBatch {
  records: MappedRecord[];
  quarantined: QuarantinedRow[];
}

function fits(f: Field, v: unknown): boolean {
  if (v === null || v === undefined) return !f.required;
  switch (f.type) {
    case 'string':
      return typeof v === 'string';
    case 'enum':
      return typeof v === 'string' && (f.values ?? []).includes(v);
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'decimal':
    case 'money':
    case 'date':
    case 'datetime':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
  }
}

function typeErrors(object: DataObject, fields: readonly Field[], record: MappedRecord, row: number) {
  const errors: QuarantineEntry[] = [];
  for (const f of fields) {
    const v = record[f.name];
    if (fits(f, v)) continue;
    errors.push({
      row,
      field: f.name,
      value: v === null || v === undefined ? null : String(v).slice(0, MAPPING_LIMITS.quarantineValueChars),
      code: TYPE_MISMATCH,
      message:
        v === null || v === undefined
          ? `${object.name}.${f.name} is required`
          : `${object.name}.${f.name} expects ${f.type}${f.values ? ` (${f.values.join('|')})` : ''}`,
    });
  }
  return errors;
}

/** Maps one batch; `firstRow` is the 1-based number of its first row within the run. */
export function mapRows(
  compiled: CompiledMapping,
  object: DataObject,
  rows: readonly SourceRow[],
  ctx: { firstRow: number; mappingId: string; runId: string; at: string },
): MappedBatch {
  const mapped = new Set(compiled.fields);
  // Key fields must be present even when the mapping leaves them out: a record without its key cannot upsert.
  const checked = object.fields.filter((f) => mapped.has(f.name) || object.primaryKey.includes(f.name));
  const records: MappedRecord[] = [];
  const quarantined: QuarantinedRow[] = [];
  rows.forEach((row, i) => {
    const n = ctx.firstRow + i;
    const out = compiled.apply(row, n);
    const errors = 'record' in out ? typeErrors(object, checked, out.record, n) : [...out.quarantine];
    if ('record' in out && errors.length === 0) {
      records.push(out.record);
      return;
    }
    quarantined.push({
      id: `${ctx.runId}-${n}`,
      mappingId: ctx.mappingId,
      runId: ctx.runId,
      object: object.name,
      row: n,
      errors: errors.map(({ field, value, code, message }) => ({ field, value, code, message })),
      record: { ...(row as Record<string, unknown>) },
      status: 'open',
      at: ctx.at,
    });
  });
  return { records, quarantined };
}
