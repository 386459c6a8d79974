/**
 * Validation of a mapping (draft or about to be published) against its catalog object and the source's
 * discovered columns. Every issue names its field and a stable code; errors block publishing, warnings
 * (a required field left unmapped: its KPIs stay partial) do not.
 */
import {
  type FieldSource,
  type Mapping,
  MappingCodes,
  type SourceColumn,
  type SourceColumnType,
  type ValidationIssue,
} from '@kpi/shared/contracts/mapping';
import type { DataObject, Field, FieldType } from '../catalog/types';
import { compileFields } from './compile';
import { columnsOf } from './transforms';

export interface ValidationContext {
  /** The source's discovered columns (with types and sample values when known); omitted: columns are not checked. */
  readonly columns?: readonly SourceColumn[];
  /** The catalog's objects by name (checks `lookup` targets). */
  readonly objects?: ReadonlyMap<string, DataObject>;
}

/** Which discovered column types can feed which field types without a transform (text can feed anything). */
const FEEDS: Readonly<Record<SourceColumnType, readonly FieldType[] | 'any'>> = {
  string: 'any',
  integer: ['integer', 'decimal', 'money', 'string', 'enum', 'boolean'],
  decimal: ['decimal', 'money', 'string'],
  boolean: ['boolean', 'string', 'enum'],
  date: ['date', 'datetime', 'string'],
  datetime: ['datetime', 'date', 'string'],
};

/** Whether a discovered column type can feed a field type through a plain column or cast. */
export function columnFeeds(columnType: SourceColumnType, fieldType: FieldType): boolean {
  const feeds = FEEDS[columnType];
  return feeds === 'any' || feeds.includes(fieldType);
}

const error = (field: string, code: string, message: string): ValidationIssue => ({
  field,
  code,
  severity: 'error',
  message,
});

/** All issues of a mapping, errors first, each with its field and stable code. */
export function validateMapping(
  mapping: Pick<Mapping, 'object' | 'fields'>,
  object: DataObject,
  context: ValidationContext = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = compileFields(
    mapping,
    object,
    context.objects ? { objects: context.objects } : {},
  ).issues.map((i) => error(i.field, i.code, i.message));
  const mapped = (name: string) => Object.hasOwn(mapping.fields, name);
  for (const key of object.primaryKey) {
    if (!mapped(key))
      issues.push(error(key, MappingCodes.keyUnmapped, `The key field ${object.name}.${key} must be mapped`));
  }
  if (object.timeField && !mapped(object.timeField)) {
    issues.push(
      error(
        object.timeField,
        MappingCodes.timeUnmapped,
        `The time field ${object.name}.${object.timeField} must be mapped: it places each record in a period`,
      ),
    );
  }
  const columns = context.columns ? new Map(context.columns.map((c) => [c.name, c])) : undefined;
  for (const field of object.fields) {
    const source = Object.hasOwn(mapping.fields, field.name) ? mapping.fields[field.name] : undefined;
    if (source && columns) issues.push(...columnIssues(field, source, columns));
  }
  const warnings = object.fields
    .filter(
      (f) =>
        f.required && !mapped(f.name) && !object.primaryKey.includes(f.name) && f.name !== object.timeField,
    )
    .map(
      (f): ValidationIssue => ({
        field: f.name,
        code: MappingCodes.fieldUnmapped,
        severity: 'warning',
        message: `${object.name}.${f.name} is unmapped: KPIs that need it stay partial`,
      }),
    );
  return [...issues, ...warnings];
}

/** True when the issues allow publishing (no errors). */
export function isPublishable(issues: readonly ValidationIssue[]): boolean {
  return issues.every((i) => i.severity !== 'error');
}

function columnIssues(
  field: Field,
  source: FieldSource,
  columns: ReadonlyMap<string, SourceColumn>,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const name of columnsOf(source)) {
    if (!columns.has(name))
      out.push(error(field.name, MappingCodes.columnUnknown, `The source has no column "${name}"`));
  }
  if (out.length) return out;
  const kind = 'column' in source ? 'column' : source.transform.kind;
  const direct =
    'column' in source ? [source.column] : kind === 'cast' || kind === 'coalesce' ? columnsOf(source) : [];
  for (const name of direct) {
    const type = columns.get(name)?.type;
    if (type && !columnFeeds(type, field.type)) {
      out.push(
        error(
          field.name,
          MappingCodes.typeIncompatible,
          `Column "${name}" holds ${type} values; ${field.name} is ${field.type}${hint(type, field.type)}`,
        ),
      );
    }
  }
  if ('transform' in source && source.transform.kind === 'unit') {
    const type = columns.get(source.transform.column)?.type;
    if (type && type !== 'integer' && type !== 'decimal' && type !== 'string') {
      out.push(
        error(
          field.name,
          MappingCodes.typeIncompatible,
          `Column "${source.transform.column}" holds ${type} values, not numbers`,
        ),
      );
    }
  }
  if (field.type === 'enum') out.push(...enumCoverage(field, source, columns));
  return out;
}

function hint(from: SourceColumnType, to: FieldType): string {
  if ((from === 'integer' || from === 'decimal') && (to === 'date' || to === 'datetime'))
    return ' (use a date transform with epoch-s or epoch-ms)';
  if (from === 'decimal' && to === 'integer') return ' (use a unit transform or map an integer column)';
  return '';
}

/** Sample values of the column that the field's enum (or the enum map) does not cover. */
function enumCoverage(
  field: Field,
  source: FieldSource,
  columns: ReadonlyMap<string, SourceColumn>,
): ValidationIssue[] {
  let column: string;
  let covered: (v: string) => boolean;
  if ('column' in source || source.transform.kind === 'cast') {
    column = 'column' in source ? source.column : (source.transform as { column: string }).column;
    const values = new Set((field.values ?? []).map((v) => v.toLowerCase()));
    covered = (v) => values.has(v.trim().toLowerCase());
  } else if (source.transform.kind === 'enum') {
    const t = source.transform;
    if (t.default !== undefined) return [];
    column = t.column;
    const keys = new Set(Object.keys(t.values));
    const loose = new Set(Object.keys(t.values).map((k) => k.trim().toLowerCase()));
    covered = (v) =>
      keys.has(v) || keys.has(v.trim()) || (t.caseInsensitive === true && loose.has(v.trim().toLowerCase()));
  } else return [];
  const samples = columns.get(column)?.samples ?? [];
  const uncovered = [...new Set(samples.filter((v) => v.trim() !== '' && !covered(v)))];
  if (!uncovered.length) return [];
  const shown = uncovered
    .slice(0, 10)
    .map((v) => `"${v}"`)
    .join(', ');
  return [
    error(
      field.name,
      MappingCodes.enumUncovered,
      `Sample values of "${column}" not covered by ${field.name}'s values (${(field.values ?? []).join(', ')}): ${shown}${uncovered.length > 10 ? ', …' : ''}`,
    ),
  ];
}
