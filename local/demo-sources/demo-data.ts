/**
 * Which demo source holds which object, and the sample records as the sources hold them. The contoso
 * deployment gets three real sources filled from `generateSampleData` for its configuration's objects
 * (two years of history by default): customer-facing objects in the REST "CRM", people objects as HR
 * exports (XLSX when small, CSV when large) in Blob storage, everything else in the PostgreSQL "ERP" — but
 * for a kind the configuration leaves empty, see `withFallback`.
 */
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import type { DataObject, FieldType } from '@kpi/shared/domain/catalog/types';
import { generateSampleData, type SampleDataOptions } from '@kpi/shared/domain/sample-data/index';

export type DemoSourceKind = 'erp' | 'crm' | 'files';

const CRM_OBJECTS = new Set([
  'Customer',
  'Opportunity',
  'Ticket',
  'SurveyResponse',
  'WebSession',
  'FieldServiceVisit',
  'WarrantyClaim',
]);

/** Sheets above this many rows are written as CSV (what HR systems export for big tables). */
export const XLSX_MAX_ROWS = 5_000;

export function sourceOf(object: DataObject): DemoSourceKind {
  if (CRM_OBJECTS.has(object.name)) return 'crm';
  if (object.area === 'people') return 'files';
  return 'erp';
}

export interface DemoObject {
  object: DataObject;
  source: DemoSourceKind;
  /** Records with dates as the sources hold them: `YYYY-MM-DD` and ISO date-times. */
  rows: Record<string, string | number | boolean | null>[];
  /** The field an incremental read follows: the first date-time field, else the first date, else none. */
  cursorField: string | undefined;
}

const toIsoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const toIsoTime = (ms: number) => new Date(Math.round(ms)).toISOString();

function convert(type: FieldType, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (type === 'date' && typeof v === 'number') return toIsoDate(v);
  if (type === 'datetime' && typeof v === 'number') return toIsoTime(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** The configuration's objects with their sample records, in catalog order. */
export function demoObjects(
  industry: string,
  objectNames: readonly string[],
  options: SampleDataOptions = {},
): DemoObject[] {
  const catalog = loadCatalog();
  const wanted = new Set(objectNames);
  const unknown = objectNames.filter((n) => !catalog.objects.some((o) => o.name === n));
  if (unknown.length) throw new Error(`Unknown catalog objects: ${unknown.join(', ')}`);
  const data = generateSampleData(industry, options);
  return catalog.objects
    .filter((o) => wanted.has(o.name))
    .map((object) => {
      const rows = (data[object.name] ?? []).map((r) => {
        const out: DemoObject['rows'][number] = {};
        for (const f of object.fields) out[f.name] = convert(f.type, (r as Record<string, unknown>)[f.name]);
        return out;
      });
      const cursor =
        object.fields.find((f) => f.type === 'datetime') ?? object.fields.find((f) => f.type === 'date');
      return { object, source: sourceOf(object), rows, cursorField: cursor?.name };
    })
    .map((x, _i, all) => ({ ...x, source: withFallback(x, all) }));
}

/**
 * Areas whose first object moves from the ERP to a source kind the configuration would otherwise leave
 * empty (a plant configuration has no CRM or HR objects), so the deployment always has all three real sources:
 * sales order lines from the commerce API, forecasts as planning exports.
 */
const FALLBACK_AREAS: Readonly<Record<'crm' | 'files', readonly string[]>> = {
  crm: ['commercial', 'service'],
  files: ['people', 'inventory'],
};

function withFallback(x: DemoObject, all: readonly DemoObject[]): DemoSourceKind {
  if (x.source !== 'erp') return x.source;
  for (const kind of ['crm', 'files'] as const) {
    if (all.some((o) => o.source === kind)) continue;
    const first = all.find((o) => o.source === 'erp' && FALLBACK_AREAS[kind].includes(o.object.area));
    if (first === x && all.filter((o) => o.source === 'erp').length > 1) return kind;
  }
  return 'erp';
}
