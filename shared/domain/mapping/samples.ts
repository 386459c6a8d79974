/**
 * What a column's sample values look like: a type, the date format they follow (so a suggestion can carry
 * the date transform), e-mail addresses, and the distinct values (for enum fields).
 */
import type { SourceColumnType } from '@kpi/shared/contracts/mapping';
import { compileDateParser } from './dates';

/** Formats tried in order on date-like samples (day-first before month-first: ambiguous days read European). */
export const DATE_FORMAT_CANDIDATES = [
  'iso',
  'dd.MM.yyyy',
  'dd.MM.yyyy HH:mm',
  'dd.MM.yyyy HH:mm:ss',
  'dd/MM/yyyy',
  'dd/MM/yyyy HH:mm',
  'MM/dd/yyyy',
  'MM/dd/yyyy HH:mm',
  'yyyyMMdd',
  'dd-MM-yyyy',
] as const;

const parsers = DATE_FORMAT_CANDIDATES.map((f) => ({
  format: f,
  parse: compileDateParser(f, undefined, 'datetime'),
}));
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false|yes|no|y|n)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HAS_TIME = /\d[T ]\d{1,2}:\d{2}/;

export interface SampleProfile {
  /** Inferred from the samples (undefined without samples). */
  readonly type: SourceColumnType | undefined;
  /** For date-like samples: the first candidate format every sample parses in. */
  readonly dateFormat: string | undefined;
  readonly emails: boolean;
  /** Distinct non-empty values, trimmed and lower-cased (at most 50; more means "not an enum"). */
  readonly distinct: ReadonlySet<string>;
}

const EMPTY: SampleProfile = { type: undefined, dateFormat: undefined, emails: false, distinct: new Set() };

/** Profiles up to the first 200 non-empty samples. */
export function profileSamples(samples: readonly string[] | undefined): SampleProfile {
  const values = (samples ?? [])
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .slice(0, 200);
  if (!values.length) return EMPTY;
  const distinct = new Set<string>();
  for (const v of values) {
    if (distinct.size > 50) break;
    distinct.add(v.toLowerCase());
  }
  const all = (re: RegExp) => values.every((v) => re.test(v));
  let type: SourceColumnType = 'string';
  let dateFormat: string | undefined;
  if (all(INTEGER)) type = 'integer';
  else if (all(DECIMAL)) type = 'decimal';
  else if (all(BOOLEAN)) type = 'boolean';
  else {
    dateFormat = parsers.find((p) => values.every((v) => !Number.isNaN(p.parse(v))))?.format;
    if (dateFormat) type = values.some((v) => HAS_TIME.test(v)) ? 'datetime' : 'date';
  }
  return {
    type,
    dateFormat,
    emails: type === 'string' && all(EMAIL),
    distinct: distinct.size > 50 ? new Set() : distinct,
  };
}
