/**
 * Preview: a mapping (even an invalid draft) applied to the source's discovered sample rows, every cell's
 * value or error shown. Fields whose source cannot compile show their mapping issue in every cell, so the
 * admin sees the whole grid while fixing one field.
 */
import {
  MAPPING_LIMITS,
  type Mapping,
  type PreviewCell,
  type PreviewResult,
  ValueCodes,
} from '@kpi/shared/contracts/mapping';
import type { DataObject } from '../catalog/types';
import { type CompileOptions, compileFields, fromCompiledFields } from './compile';
import type { SourceRow } from './transforms';

export interface PreviewOptions extends CompileOptions {
  /** Number of the first row (default 1). */
  readonly firstRow?: number;
}

/** Applies `mapping` to up to `MAPPING_LIMITS.previewRows` sample rows. Never throws for bad values or fields. */
export function previewMapping(
  mapping: Pick<Mapping, 'object' | 'fields'>,
  object: DataObject,
  rows: readonly SourceRow[],
  options: PreviewOptions = {},
): PreviewResult {
  const { fields, issues } = compileFields(mapping, object, options);
  const compiled = fromCompiledFields(object.name, fields);
  const broken = new Map<string, PreviewCell>();
  for (const i of issues) {
    if (i.field === '*' || !object.fields.some((f) => f.name === i.field)) continue;
    broken.set(i.field, { error: { code: ValueCodes.mappingInvalid, message: `${i.code}: ${i.message}` } });
  }
  const order = object.fields.map((f) => f.name).filter((n) => compiled.fields.includes(n) || broken.has(n));
  const errorCounts: Record<string, Record<string, number>> = {};
  const first = options.firstRow ?? 1;
  const out: PreviewResult['rows'] = [];
  let ok = 0;
  const limit = Math.min(rows.length, MAPPING_LIMITS.previewRows);
  for (let r = 0; r < limit; r++) {
    const cells = compiled.cells(rows[r] as SourceRow);
    for (const [field, cell] of broken) cells[field] = cell;
    let rowOk = true;
    for (const field of order) {
      const cell = cells[field] as PreviewCell;
      if ('error' in cell) {
        rowOk = false;
        const byCode = errorCounts[field] ?? {};
        errorCounts[field] = byCode;
        byCode[cell.error.code] = (byCode[cell.error.code] ?? 0) + 1;
      }
    }
    if (rowOk) ok++;
    out.push({ row: first + r, ok: rowOk, cells });
  }
  return {
    fields: order,
    rows: out,
    summary: { rows: out.length, ok, failed: out.length - ok },
    errorCounts,
  };
}
