/** What the mapping page reads from the mapping and connector apps (their contracts, as the UI sees them). */
import type {
  FieldSource,
  FieldSuggestions,
  MappingDiff,
  PreviewResult,
} from '@kpi/shared/contracts/mapping';
import type { MappingCompleteness, MappingSummary, MappingView } from '@kpi/shared/contracts/mapping-app';

export type {
  FieldSource,
  FieldSuggestions,
  MappingCompleteness,
  MappingDiff,
  MappingSummary,
  MappingView,
  PreviewResult,
};

export interface ObjectField {
  name: string;
  type: string;
  description: string;
  required: boolean;
  values?: string[];
}
export interface CatalogObject {
  name: string;
  label: string;
  primaryKey: string[];
  timeField?: string;
  fields: ObjectField[];
}

/** A source as the connector lists it (stream names only). */
export interface SourceSummary {
  id: string;
  name: string;
  status: string;
  providesObjects: string[];
  streams: string[];
}

export interface PublishResult {
  published: { version: number };
  diff: MappingDiff | null;
  warnings: { field: string; code: string; message: string }[];
}

export type Fields = Record<string, FieldSource>;

/** A short text for a field source: the column, or the transform's kind and column(s). */
export function describeSource(source: FieldSource): string {
  if ('column' in source) return source.column;
  const t = source.transform;
  switch (t.kind) {
    case 'constant':
      return `constant ${JSON.stringify(t.value)}`;
    case 'concat':
      return `concat(${t.parts.map((p) => ('column' in p ? p.column : JSON.stringify(p.text))).join(', ')})`;
    case 'coalesce':
      return `coalesce(${t.columns.join(', ')})`;
    default:
      return `${t.kind}(${t.column})`;
  }
}
