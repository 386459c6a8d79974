/** Names of exported files: safe on every file system, and saying what they hold. Pure. */

/** The kinds of file the dashboards export. */
export type ExportKind = 'png' | 'svg' | 'csv' | 'pdf';

/**
 * A file-name friendly slug: `Contoso Retail — Q3` → `contoso-retail-q3`; only `a-z`, `0-9` and inner `-`,
 * accents dropped, at most `max` characters; empty when nothing is left.
 */
export function fileSlug(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

/** What an exported file is of. */
export interface ExportNameParts {
  /** The tenant (client) name or id. */
  tenant: string;
  /** The dashboard's name. */
  dashboard: string;
  /** The period shown, e.g. `2024-06`, `2024-Q2`. */
  period?: string;
  /** The tile or chart inside the dashboard, when the file is of one. */
  part?: string;
}

// Device names Windows refuses as a file's base name, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * `contoso_sales-overview_otif-rate_2024-06.png`: tenant, dashboard, part and period as slugs joined by `_`
 * (so the parts stay apart), empty parts left out, `export` when nothing is left.
 */
export function exportFileName(parts: ExportNameParts, kind: ExportKind): string {
  const base =
    [parts.tenant, parts.dashboard, parts.part ?? '', parts.period ?? '']
      .map((p) => fileSlug(p, 48))
      .filter((p) => p !== '')
      .join('_') || 'export';
  return `${RESERVED.test(base) ? `${base}-export` : base}.${kind}`;
}
