/**
 * Suggestions: for each object field, the source columns ranked by name similarity (names.ts), type
 * compatibility, and what the sample values look like (samples.ts). Also the one-to-one column → field
 * matching the Config app's sample upload uses, and the best-matching object for a set of columns.
 */
import {
  type FieldSource,
  type FieldSuggestion,
  type FieldSuggestions,
  type SourceColumn,
  type SourceColumnType,
  SUGGESTION_CONFIDENT,
} from '@kpi/shared/contracts/mapping';
import type { DataObject, Field, FieldType } from '../catalog/types';
import { type NameProfile, nameReason, nameScore, profileName, words } from './names';
import { profileSamples, type SampleProfile } from './samples';
import { columnFeeds } from './validate';

/** A column as suggestions read it: a name, and its type and samples when known. */
export type SuggestColumn = Pick<SourceColumn, 'name'> & Partial<Pick<SourceColumn, 'type' | 'samples'>>;

export interface SuggestOptions {
  /** Candidates per field (default 3). */
  readonly limit?: number;
  /** Candidates below this score are left out (default 0.3). */
  readonly minScore?: number;
}

interface ColumnProfile {
  readonly column: string;
  readonly words: readonly string[];
  readonly name: NameProfile;
  readonly type: SourceColumnType | undefined;
  readonly samples: SampleProfile;
  /** Name profiles without an object-name prefix, by object. */
  readonly stripped: Map<string, NameProfile | null>;
}

interface FieldProfile {
  readonly field: Field;
  readonly name: NameProfile;
  readonly values: ReadonlySet<string> | undefined;
}

const NATURAL: Readonly<Record<SourceColumnType, readonly FieldType[]>> = {
  string: ['string', 'enum'],
  integer: ['integer'],
  decimal: ['decimal', 'money'],
  boolean: ['boolean'],
  date: ['date'],
  datetime: ['datetime'],
};

const fieldProfiles = new WeakMap<DataObject, { words: ReadonlySet<string>; fields: FieldProfile[] }>();

function profileObject(object: DataObject) {
  let p = fieldProfiles.get(object);
  if (!p) {
    p = {
      words: new Set(words(object.name)),
      fields: object.fields.map((field) => ({
        field,
        name: profileName(field.name),
        values: field.values ? new Set(field.values.map((v) => v.toLowerCase())) : undefined,
      })),
    };
    fieldProfiles.set(object, p);
  }
  return p;
}

/** Profiles columns once, for any number of objects. */
export function profileColumns(columns: readonly SuggestColumn[]): ColumnProfile[] {
  return columns.map((c) => {
    const samples = profileSamples(c.samples);
    return {
      column: c.name,
      words: words(c.name),
      name: profileName(c.name),
      type: c.type ?? samples.type,
      samples,
      stripped: new Map(),
    };
  });
}

/**
 * The column's name without leading words of the object's name (`Shipment ID` → `ID`, `ORDER_LINE_NO` for
 * SalesOrderLine → `NO`), or null when it does not start with one.
 */
function strippedName(
  c: ColumnProfile,
  object: DataObject,
  objectWords: ReadonlySet<string>,
): NameProfile | null {
  let p = c.stripped.get(object.name);
  if (p === undefined) {
    let i = 0;
    while (i < c.words.length - 1 && objectWords.has(c.words[i] as string)) i++;
    p = i > 0 ? profileName(c.words.slice(i).join(' ')) : null;
    c.stripped.set(object.name, p);
  }
  return p;
}

/** The score of one column for one field (0..1): 0.8 × name + 0.2 × type fit + sample evidence. */
function pairScore(c: ColumnProfile, f: FieldProfile, stripped: NameProfile | null): number {
  // Without the object name a little below the full name, so that ORDER_NO prefers orderId to SalesOrderLine.id.
  const name = Math.max(nameScore(c.name, f.name), stripped ? 0.97 * nameScore(stripped, f.name) : 0);
  let typeScore = 0.5;
  if (c.type)
    typeScore = NATURAL[c.type].includes(f.field.type) ? 1 : columnFeeds(c.type, f.field.type) ? 0.75 : 0;
  let bonus = 0;
  const { samples } = c;
  if (f.values && samples.distinct.size) {
    const share = enumShare(samples, f.values);
    if (share >= 0.8) bonus += 0.25 * share;
    else if (share === 0) bonus -= 0.1;
  }
  if ((f.field.type === 'date' || f.field.type === 'datetime') && samples.dateFormat) bonus += 0.05;
  if (samples.emails && f.field.type !== 'string') bonus -= 0.2;
  return Math.round(Math.max(0, Math.min(1, 0.8 * name + 0.2 * typeScore + bonus)) * 1000) / 1000;
}

function enumShare(samples: SampleProfile, values: ReadonlySet<string>): number {
  let covered = 0;
  for (const v of samples.distinct) if (values.has(v)) covered++;
  return covered / samples.distinct.size;
}

/** The suggestion shown for a scored pair: reasons, and the source to drop in. */
function explain(
  c: ColumnProfile,
  f: FieldProfile,
  stripped: NameProfile | null,
  score: number,
): FieldSuggestion {
  const full = nameScore(c.name, f.name);
  const reasons =
    stripped && 0.97 * nameScore(stripped, f.name) > full
      ? [`${nameReason(stripped, f.name)} (without the object name)`]
      : [nameReason(c.name, f.name)];
  if (c.type) {
    if (NATURAL[c.type].includes(f.field.type)) reasons.push(`${c.type} fits ${f.field.type}`);
    else if (!columnFeeds(c.type, f.field.type)) reasons.push(`${c.type} does not fit ${f.field.type}`);
  }
  const { samples } = c;
  if (f.values && samples.distinct.size && enumShare(samples, f.values) >= 0.8)
    reasons.push('sample values are its enum values');
  let source: FieldSource = { column: c.column };
  if ((f.field.type === 'date' || f.field.type === 'datetime') && samples.dateFormat) {
    reasons.push(`samples are dates (${samples.dateFormat})`);
    if (samples.dateFormat !== 'iso')
      source = { transform: { kind: 'date', column: c.column, format: samples.dateFormat } };
  }
  return { column: c.column, score, reasons, source };
}

/** Ranked candidate columns for every field of `object`, in the object's field order. */
export function suggestFields(
  object: DataObject,
  columns: readonly SuggestColumn[] | readonly ColumnProfile[],
  options: SuggestOptions = {},
): FieldSuggestions[] {
  const limit = options.limit ?? 3;
  const minScore = options.minScore ?? 0.3;
  const profiles = isProfiled(columns) ? columns : profileColumns(columns);
  const { words: objectWords, fields } = profileObject(object);
  const stripped = profiles.map((c) => strippedName(c, object, objectWords));
  return fields.map((f) => {
    const candidates: FieldSuggestion[] = [];
    for (let i = 0; i < profiles.length; i++) {
      const c = profiles[i] as ColumnProfile;
      const score = pairScore(c, f, stripped[i] ?? null);
      if (score >= minScore) candidates.push(explain(c, f, stripped[i] ?? null, score));
    }
    candidates.sort((a, b) => b.score - a.score);
    return { field: f.field.name, candidates: candidates.slice(0, limit) };
  });
}

function isProfiled(
  columns: readonly SuggestColumn[] | readonly ColumnProfile[],
): columns is readonly ColumnProfile[] {
  return columns.length > 0 && 'stripped' in (columns[0] as object);
}

/** Suggestions for every object (columns profiled once): object name → its fields' candidates. */
export function suggestForObjects(
  objects: readonly DataObject[],
  columns: readonly SuggestColumn[],
  options: SuggestOptions = {},
): Map<string, FieldSuggestions[]> {
  const profiles = profileColumns(columns);
  return new Map(objects.map((o) => [o.name, suggestFields(o, profiles, options)]));
}

export interface ColumnMatch {
  readonly column: string;
  readonly field: string;
  readonly score: number;
}

/**
 * One-to-one column → field matches at or above `minScore` (default `SUGGESTION_CONFIDENT`), best pairs
 * first, returned in column order. The Config app's sample upload and a mapping draft's pre-fill use it.
 */
export function matchColumns(
  object: DataObject,
  columns: readonly SuggestColumn[] | readonly ColumnProfile[],
  minScore = SUGGESTION_CONFIDENT,
): ColumnMatch[] {
  const profiles = isProfiled(columns) ? columns : profileColumns(columns);
  const { words: objectWords, fields } = profileObject(object);
  const pairs: { c: number; f: number; score: number }[] = [];
  profiles.forEach((c, ci) => {
    const stripped = strippedName(c, object, objectWords);
    fields.forEach((f, fi) => {
      const score = pairScore(c, f, stripped);
      if (score >= minScore) pairs.push({ c: ci, f: fi, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.c - b.c || a.f - b.f);
  const usedColumns = new Set<number>();
  const usedFields = new Set<number>();
  const chosen: { c: number; f: number; score: number }[] = [];
  for (const p of pairs) {
    if (usedColumns.has(p.c) || usedFields.has(p.f)) continue;
    usedColumns.add(p.c);
    usedFields.add(p.f);
    chosen.push(p);
  }
  return chosen
    .sort((a, b) => a.c - b.c)
    .map((p) => ({
      column: (profiles[p.c] as ColumnProfile).column,
      field: (fields[p.f] as FieldProfile).field.name,
      score: p.score,
    }));
}

/** The object the columns match best (most matches, then highest total score, then catalog order), if any. */
export function bestMatchingObject(
  objects: readonly DataObject[],
  columns: readonly SuggestColumn[],
  minScore = SUGGESTION_CONFIDENT,
): { object: DataObject; matches: ColumnMatch[] } | undefined {
  const profiles = profileColumns(columns);
  let best: { object: DataObject; matches: ColumnMatch[]; total: number } | undefined;
  for (const object of objects) {
    const matches = matchColumns(object, profiles, minScore);
    if (!matches.length) continue;
    const total = matches.reduce((n, m) => n + m.score, 0);
    if (
      !best ||
      matches.length > best.matches.length ||
      (matches.length === best.matches.length && total > best.total + 1e-9)
    ) {
      best = { object, matches, total };
    }
  }
  return best && { object: best.object, matches: best.matches };
}
