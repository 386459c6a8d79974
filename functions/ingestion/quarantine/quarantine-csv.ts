/** The quarantine as CSV (RFC 4180): one line per failing field, so a spreadsheet filters by field or rule. */
import type { QuarantinedRow } from '@kpi/shared/contracts/ingestion';

const cell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const QUARANTINE_CSV_HEADER = 'run_id,row,field,value,rule,message,status,at';

export function quarantineCsv(rows: readonly QuarantinedRow[]): string {
  const lines = [QUARANTINE_CSV_HEADER];
  for (const r of rows) {
    for (const e of r.errors) {
      lines.push([r.runId, r.row, e.field, e.value, e.code, e.message, r.status, r.at].map(cell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
