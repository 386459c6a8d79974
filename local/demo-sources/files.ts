/**
 * The demo files: each people object as the HR system's export in the deployment's Blob storage, XLSX
 * when small and CSV (semicolon-separated, as a European Excel writes it) when large.
 */
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import { type DemoObject, XLSX_MAX_ROWS } from './demo-data';
import { writeXlsx } from './xlsx-writer';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes one file per object under `prefix`; returns the blob names. */
export async function writeDemoFiles(
  blobs: BlobStore,
  container: string,
  prefix: string,
  objects: readonly DemoObject[],
  xlsxMaxRows = XLSX_MAX_ROWS,
): Promise<string[]> {
  const names: string[] = [];
  for (const { object, rows } of objects) {
    const header = object.fields.map((f) => f.name);
    if (rows.length <= xlsxMaxRows) {
      const name = `${prefix}${object.name}.xlsx`;
      await blobs.putBytes(
        container,
        name,
        writeXlsx(
          object.name,
          header,
          rows.map((r) => header.map((h) => r[h] ?? null)),
        ),
        XLSX_TYPE,
      );
      names.push(name);
    } else {
      const name = `${prefix}${object.name}.csv`;
      const text = [
        header.join(';'),
        ...rows.map((r) => header.map((h) => csvCell(r[h] ?? null)).join(';')),
      ].join('\r\n');
      await blobs.putBytes(container, name, new TextEncoder().encode(text), 'text/csv; charset=utf-8');
      names.push(name);
    }
  }
  return names;
}
