/**
 * Versions: a mapping is edited as a draft and published as a new version (ingestion uses the published
 * one). `diffMappings` is the publish summary; `publishMapping` refuses a mapping with errors.
 */
import type { FieldSource, Mapping, MappingDiff, ValidationIssue } from '@kpi/shared/contracts/mapping';
import type { DataObject } from '../catalog/types';
import { isPublishable, type ValidationContext, validateMapping } from './validate';

/** A value's canonical JSON (object keys sorted), so that key order never counts as a change. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}

/** Fields added, removed and changed from `from` to `to` (each list in field-name order). */
export function diffMappings(
  from: Pick<Mapping, 'version' | 'fields'>,
  to: Pick<Mapping, 'version' | 'fields'>,
): MappingDiff {
  const names = [...new Set([...Object.keys(from.fields), ...Object.keys(to.fields)])].sort();
  const diff: MappingDiff = {
    fromVersion: from.version,
    toVersion: to.version,
    added: [],
    removed: [],
    changed: [],
  };
  for (const field of names) {
    const a = Object.hasOwn(from.fields, field) ? (from.fields[field] as FieldSource) : undefined;
    const b = Object.hasOwn(to.fields, field) ? (to.fields[field] as FieldSource) : undefined;
    if (a && !b) diff.removed.push({ field, from: a });
    else if (!a && b) diff.added.push({ field, to: b });
    else if (a && b && canonical(a) !== canonical(b)) diff.changed.push({ field, from: a, to: b });
  }
  return diff;
}

export type PublishResult =
  | {
      readonly ok: true;
      readonly published: Mapping;
      readonly diff: MappingDiff | null;
      readonly warnings: ValidationIssue[];
    }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

/**
 * Publishes a draft as the next version after `current` (the published mapping it replaces, if any): the
 * draft must validate without errors. The caller stores the result (with an ETag check on `current`) and
 * writes the audit entry with the diff.
 */
export function publishMapping(
  draft: Mapping,
  current: Mapping | undefined,
  object: DataObject,
  context: ValidationContext,
  by: string,
  at: string,
): PublishResult {
  const issues = validateMapping(draft, object, context);
  if (!isPublishable(issues)) return { ok: false, issues };
  const version = Math.max(draft.version, (current?.version ?? 0) + 1);
  const published: Mapping = { ...draft, version, status: 'published', publishedBy: by, publishedAt: at };
  return { ok: true, published, diff: current ? diffMappings(current, published) : null, warnings: issues };
}
