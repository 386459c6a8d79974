/**
 * Compiles one field's source (a column or a declarative transform) into a closure reading a source row.
 * Everything that can be decided once (formats, time zones, enum tables, constants, types) is decided here;
 * a problem is a mapping-level issue with a stable code, never a thrown error per row.
 */
import {
  type FieldSource,
  type MappedValue,
  MappingCodes,
  type Transform,
  ValueCodes,
} from '@kpi/shared/contracts/mapping';
import type { Field, FieldType } from '../catalog/types';
import { DateFormatError } from './dates';
import {
  type Converted,
  type Converter,
  castConverter,
  dateFieldConverter,
  describeValue,
  type ErrorSlot,
  FAIL,
  fail,
  isEmpty,
  numberParser,
  numberToField,
} from './values';

/** Local copy of the hot import (imported bindings can be getters after a CJS transform). */
const empty = isEmpty;

/** A source row: column → raw value (text from files, typed values from databases and APIs). */
export type SourceRow = Readonly<Record<string, unknown>>;

/** Reads one field's value from a row: the value, null ("no value"), or FAIL with the reason in the slot. */
export type FieldReader = (row: SourceRow, slot: ErrorSlot) => Converted;

/**
 * The lookup port: the key of the `object` record whose field `by` equals `value`, or undefined. The caller
 * builds it from the looked-up object's records (ingestion: its lake index; preview: its sample rows).
 */
export type LookupKey = (object: string, by: string, value: string) => string | undefined;

export interface FieldIssue {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** Which field types each transform kind can feed (the rest are `MAPPING.TYPE_INCOMPATIBLE`). */
export const TRANSFORM_TARGETS: Readonly<Record<Transform['kind'], readonly FieldType[] | 'any'>> = {
  cast: 'any',
  date: ['date', 'datetime'],
  unit: ['integer', 'decimal', 'money'],
  enum: ['enum', 'string'],
  constant: 'any',
  concat: ['string'],
  coalesce: 'any',
  lookup: ['string'],
};

/** The source columns a field source reads. */
export function columnsOf(source: FieldSource): string[] {
  if ('column' in source) return [source.column];
  const t = source.transform;
  switch (t.kind) {
    case 'constant':
      return [];
    case 'concat':
      return t.parts.flatMap((p) => ('column' in p ? [p.column] : []));
    case 'coalesce':
      return [...t.columns];
    default:
      return [t.column];
  }
}

const issue = (field: Field, code: string, message: string): { issue: FieldIssue } => ({
  issue: { field: field.name, code, message },
});

/** A reader of one column through a converter; empty values are null. */
function columnReader(column: string, convert: Converter): FieldReader {
  return (row, slot) => {
    const raw = row[column];
    return empty(raw) ? null : convert(raw, slot);
  };
}

/** Compiles one field's source, or reports why it cannot be compiled. */
export function compileFieldSource(
  field: Field,
  source: FieldSource,
  lookupKey: LookupKey | undefined,
  knownObjects?: ReadonlyMap<string, { readonly fields: readonly { readonly name: string }[] }>,
): { reader: FieldReader } | { issue: FieldIssue } {
  if ('column' in source) return { reader: columnReader(source.column, castConverter(field)) };
  const t = source.transform;
  const targets = TRANSFORM_TARGETS[t.kind];
  if (targets !== 'any' && !targets.includes(field.type)) {
    return issue(
      field,
      MappingCodes.typeIncompatible,
      `A ${t.kind} transform cannot feed ${field.name} (${field.type}); it feeds ${targets.join(', ')}`,
    );
  }
  switch (t.kind) {
    case 'cast':
      return { reader: columnReader(t.column, castConverter(field, t.numberFormat)) };
    case 'date':
      try {
        return {
          reader: columnReader(
            t.column,
            dateFieldConverter(field.type as 'date' | 'datetime', t.format, t.timeZone),
          ),
        };
      } catch (err) {
        if (err instanceof DateFormatError) return issue(field, err.code, err.message);
        throw err;
      }
    case 'unit':
      return unitReader(field, t);
    case 'enum':
      return enumReader(field, t);
    case 'constant':
      return constantReader(field, t.value);
    case 'concat':
      return { reader: concatReader(t) };
    case 'coalesce': {
      const convert = castConverter(field);
      const columns = [...t.columns];
      return {
        reader: (row, slot) => {
          for (let i = 0; i < columns.length; i++) {
            const raw = row[columns[i] as string];
            if (!empty(raw)) return convert(raw, slot);
          }
          return null;
        },
      };
    }
    case 'lookup':
      return lookupReader(field, t, lookupKey, knownObjects);
  }
}

function unitReader(field: Field, t: Extract<Transform, { kind: 'unit' }>) {
  if (!Number.isFinite(t.factor) || t.factor === 0) {
    return issue(
      field,
      MappingCodes.unitFactorInvalid,
      `The unit factor of ${field.name} must be a finite non-zero number`,
    );
  }
  const parse = numberParser(t.numberFormat);
  const toField = numberToField(field.type);
  const factor = t.factor;
  const offset = t.offset ?? 0;
  const integer = field.type === 'integer';
  const convert: Converter = (raw, slot) => {
    const n = parse(raw);
    let v = n * factor + offset;
    // 0.1 × 3 is 0.30000000000000004: an integer field takes the nearest whole number when that close.
    if (integer && Math.abs(v - Math.round(v)) < 1e-9) v = Math.round(v);
    return toField(Number.isNaN(n) ? n : v, raw, slot);
  };
  return { reader: columnReader(t.column, convert) };
}

function enumReader(field: Field, t: Extract<Transform, { kind: 'enum' }>) {
  const allowed = field.type === 'enum' ? new Set(field.values ?? []) : undefined;
  const targets = [...Object.values(t.values), ...(t.default === undefined ? [] : [t.default])];
  const unknown = allowed ? targets.filter((v) => !allowed.has(v)) : [];
  if (unknown.length) {
    return issue(
      field,
      MappingCodes.enumValueUnknown,
      `${field.name} has no value ${[...new Set(unknown)].map((v) => `"${v}"`).join(', ')} (it has ${(field.values ?? []).join(', ')})`,
    );
  }
  const exact = new Map(Object.entries(t.values));
  const loose = t.caseInsensitive
    ? new Map(Object.entries(t.values).map(([k, v]) => [k.trim().toLowerCase(), v]))
    : undefined;
  const fallback = t.default;
  const sources = Object.keys(t.values)
    .slice(0, 10)
    .map((k) => `"${k}"`)
    .join(', ');
  const convert: Converter = (raw, slot) => {
    const s =
      typeof raw === 'string'
        ? raw
        : typeof raw === 'number' || typeof raw === 'boolean'
          ? String(raw)
          : undefined;
    if (s !== undefined) {
      const v = exact.get(s) ?? exact.get(s.trim()) ?? loose?.get(s.trim().toLowerCase()) ?? fallback;
      if (v !== undefined) return v;
    }
    return fail(
      slot,
      raw,
      ValueCodes.enumUnmapped,
      `${JSON.stringify(s ?? String(raw))} is not in the value map of ${field.name} (${sources})`,
    );
  };
  return { reader: columnReader(t.column, convert) };
}

function constantReader(field: Field, value: MappedValue) {
  if (value === null) {
    return field.required
      ? issue(field, MappingCodes.typeIncompatible, `${field.name} is required: its constant cannot be null`)
      : { reader: () => null };
  }
  const slot: ErrorSlot = { code: '', message: '', raw: null };
  const converted = castConverter(field)(value, slot);
  if (converted === FAIL)
    return issue(field, MappingCodes.typeIncompatible, `The constant of ${field.name}: ${slot.message}`);
  return { reader: () => converted };
}

function concatReader(t: Extract<Transform, { kind: 'concat' }>): FieldReader {
  const parts = t.parts.map((p) =>
    'column' in p ? { column: p.column, text: '' } : { column: undefined, text: p.text },
  );
  const separator = t.separator ?? '';
  return (row) => {
    let out = '';
    let any = false;
    let first = true;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as { column: string | undefined; text: string };
      let piece: string;
      if (p.column === undefined) piece = p.text;
      else {
        const raw = row[p.column];
        if (empty(raw)) continue;
        any = true;
        piece = typeof raw === 'string' ? raw : (describeValue(raw, Number.POSITIVE_INFINITY) ?? '');
      }
      out = first ? piece : out + separator + piece;
      first = false;
    }
    return any ? out : null;
  };
}

function lookupReader(
  field: Field,
  t: Extract<Transform, { kind: 'lookup' }>,
  lookupKey: LookupKey | undefined,
  knownObjects: ReadonlyMap<string, { readonly fields: readonly { readonly name: string }[] }> | undefined,
) {
  const target = knownObjects?.get(t.object);
  if (knownObjects && !target)
    return issue(
      field,
      MappingCodes.lookupUnknownObject,
      `The catalog has no object ${t.object} to look ${field.name} up in`,
    );
  if (target && !target.fields.some((f) => f.name === t.by)) {
    return issue(
      field,
      MappingCodes.lookupUnknownField,
      `${t.object} has no field ${t.by} to look ${field.name} up by`,
    );
  }
  const { object, by } = t;
  const convert: Converter = (raw, slot) => {
    if (!lookupKey)
      return fail(
        slot,
        raw,
        ValueCodes.lookupUnavailable,
        `No ${object} index was supplied to look ${field.name} up`,
      );
    const value = typeof raw === 'string' ? raw.trim() : String(raw);
    const key = lookupKey(object, by, value);
    return key === undefined
      ? fail(slot, raw, ValueCodes.lookupMissing, `No ${object} has ${by} ${JSON.stringify(value)}`)
      : key;
  };
  return { reader: columnReader(t.column, convert) };
}
