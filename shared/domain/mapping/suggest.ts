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
import { type NameProfile, nameSimilarity, profileName, words } from './names';
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

/** One column against one field: the score (0..1), its reasons and the source to drop in. */
function scorePair(c: ColumnProfile, f: FieldProfile, stripped: NameProfile | null): FieldSuggestion {
  let name = nameSimilarity(c.name, f.name);
  if (stripped) {
    const s = nameSimilarity(stripped, f.name);
    // A little below the full name, so that ORDER_NO prefers orderId to SalesOrderLine.id.
    if (s.score * 0.97 > name.score)
      name = { score: s.score * 0.97, reason: `${s.reason} (without the object name)` };
  }
  const reasons = [name.reason];
  let typeScore = 0.5;
  if (c.type) {
    if (NATURAL[c.type].includes(f.field.type)) {
      typeScore = 1;
      reasons.push(`${c.type} fits ${f.field.type}`);
    } else if (columnFeeds(c.type, f.field.type)) typeScore = 0.75;
    else {
      typeScore = 0;
      reasons.push(`${c.type} does not fit ${f.field.type}`);
    }
  }
  let bonus = 0;
  let source: FieldSource = { column: c.column };
  const { samples } = c;
  if (f.values && samples.distinct.size) {
    let covered = 0;
    for (const v of samples.distinct) if (f.values.has(v)) covered++;
    const share = covered / samples.distinct.size;
    if (share >= 0.8) {
      bonus += 0.25 * share;
      reasons.push('sample values are its enum values');
    } else if (share === 0) bonus -= 0.1;
  }
  if ((f.field.type === 'date' || f.field.type === 'datetime') && samples.dateFormat) {
    bonus += 0.05;
    reasons.push(`samples are dates (${samples.dateFormat})`);
    if (samples.dateFormat !== 'iso')
      source = { transform: { kind: 'date', column: c.column, format: samples.dateFormat } };
  }
  if (samples.emails && f.field.type !== 'string') bonus -= 0.2;
  const score = Math.max(0, Math.min(1, 0.8 * name.score + 0.2 * typeScore + bonus));
  return { column: c.column, score: Math.round(score * 1000) / 1000, reasons, source };
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
      const s = scorePair(profiles[i] as ColumnProfile, f, stripped[i] ?? null);
      if (s.score >= minScore) candidates.push(s);
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
      const { score } = scorePair(c, f, stripped);
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
