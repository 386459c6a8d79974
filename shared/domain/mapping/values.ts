/**
 * Conversion of one raw source value (text from a file, or a typed value from a database or JSON API) to an
 * object field's type. A converter returns the value, or `FAIL` after writing the reason into the
 * compiled mapping's error slot: nothing is allocated on the success path, and nothing throws.
 */
import type { MappedValue, NumberFormat } from '@kpi/shared/contracts/mapping';
import type { Field, FieldType } from '../catalog/types';
import { compileDateParser, type DateParser } from './dates';

/** Marks a failed conversion; the reason is in the `ErrorSlot`. */
export const FAIL: unique symbol = Symbol('mapping.fail');
export type Converted = MappedValue | typeof FAIL;

/** Where a failing converter leaves its code and message (one per compiled mapping). */
export interface ErrorSlot {
  code: string;
  message: string;
  /** The source value that failed (for the quarantine entry). */
  raw: unknown;
}

/** A fresh slot (one per compiled mapping). */
export const newErrorSlot = (): ErrorSlot => ({ code: '', message: '', raw: null });

export type Converter = (raw: unknown, slot: ErrorSlot) => Converted;

export function fail(slot: ErrorSlot, raw: unknown, code: string, message: string): typeof FAIL {
  slot.code = code;
  slot.message = message;
  slot.raw = raw;
  return FAIL;
}

/** null, undefined, or text that is empty after trimming: "no value". */
export function isEmpty(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw !== 'string') return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 160) return false;
  }
  return true;
}

/** A short, printable rendering of a value for messages and quarantine entries. */
export function describeValue(raw: unknown, max = 200): string | null {
  if (raw === null || raw === undefined) return null;
  let s: string;
  if (typeof raw === 'string') s = raw;
  else if (raw instanceof Date) s = Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
  else if (typeof raw === 'object') {
    try {
      s = JSON.stringify(raw) ?? String(raw);
    } catch {
      s = Object.prototype.toString.call(raw);
    }
  } else s = String(raw);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const quote = (raw: unknown) => JSON.stringify(describeValue(raw, 60));

/**
 * Only digits, sign, point, exponent and blanks: `Number()` then checks the structure, and this keeps out
 * what `Number()` would also accept (`0x1F`, `0b1`, `Infinity`). Cheaper than a regex on the hot path.
 */
function numberChars(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 46 && c !== 43 && c !== 45 && c !== 101 && c !== 69 && c !== 32 && c !== 9) return false;
  }
  return digits > 0;
}

/** Text or number → finite number, honouring the number format; NaN when it is not one. */
export function numberParser(format: NumberFormat | undefined): (raw: unknown) => number {
  const custom = format && (format.decimalSeparator !== '.' || format.thousandsSeparator !== '');
  const thousands = format?.thousandsSeparator ?? '';
  const decimal = format?.decimalSeparator ?? '.';
  return (raw) => {
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : Number.NaN;
    if (typeof raw === 'bigint') return Number.isSafeInteger(Number(raw)) ? Number(raw) : Number.NaN;
    if (typeof raw !== 'string') return Number.NaN;
    let s = raw;
    if (custom) {
      if (thousands) s = s.split(thousands).join('');
      if (decimal !== '.') {
        if (s.includes('.')) return Number.NaN;
        s = s.replace(decimal, '.');
      }
    }
    if (!numberChars(s)) return Number.NaN;
    const n = Number(s);
    return Number.isFinite(n) ? n : Number.NaN;
  };
}

const TRUE = ['true', 't', 'yes', 'y', '1', 'ja', 'oui', 'x'];
const FALSE = ['false', 'f', 'no', 'n', '0', 'nein', 'non'];
/** Each spelling lower-case, upper-case and capitalised, so the usual ones need no string allocation. */
const BOOLEANS = new Map<string, boolean>(
  [...TRUE.map((w) => [w, true] as const), ...FALSE.map((w) => [w, false] as const)].flatMap(([w, b]) => [
    [w, b],
    [w.toUpperCase(), b],
    [w[0]?.toUpperCase() + w.slice(1), b],
  ]),
);

function toBoolean(raw: unknown, slot: ErrorSlot): Converted {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number' || typeof raw === 'bigint') {
    const n = Number(raw);
    if (n === 1) return true;
    if (n === 0) return false;
  }
  if (typeof raw === 'string') {
    const b = BOOLEANS.get(raw) ?? BOOLEANS.get(raw.trim().toLowerCase());
    if (b !== undefined) return b;
  }
  return fail(slot, raw, 'VALUE.NOT_A_BOOLEAN', `${quote(raw)} is not a boolean (true/false, yes/no, 1/0)`);
}

function toText(raw: unknown, slot: ErrorSlot): Converted {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return String(raw);
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString();
  return fail(slot, raw, 'VALUE.NOT_TEXT', `${quote(raw)} is not a text value`);
}

/** A converter from a number (already parsed) to an integer/decimal/money field. */
export function numberToField(type: FieldType): (n: number, raw: unknown, slot: ErrorSlot) => Converted {
  if (type === 'integer') {
    return (n, raw, slot) => {
      if (Number.isNaN(n)) return fail(slot, raw, 'VALUE.NOT_A_NUMBER', `${quote(raw)} is not a number`);
      if (!Number.isSafeInteger(n))
        return fail(slot, raw, 'VALUE.NOT_AN_INTEGER', `${quote(raw)} is not a whole number`);
      return n;
    };
  }
  return (n, raw, slot) =>
    Number.isNaN(n) ? fail(slot, raw, 'VALUE.NOT_A_NUMBER', `${quote(raw)} is not a number`) : n;
}

/** Converts parsed epoch milliseconds (NaN = bad) to a date/datetime field value. */
function dateConverter(target: 'date' | 'datetime', parse: DateParser, what: string): Converter {
  return (raw, slot) => {
    let t: number;
    if (raw instanceof Date) {
      t = raw.getTime();
      if (target === 'date' && !Number.isNaN(t)) t -= ((t % 86_400_000) + 86_400_000) % 86_400_000;
    } else if (typeof raw === 'string') t = parse(raw.trim());
    else if (typeof raw === 'number') t = parse(String(raw));
    else t = Number.NaN;
    if (Number.isNaN(t))
      return fail(slot, raw, 'VALUE.BAD_DATE', `${quote(raw)} is not a ${target} in the format ${what}`);
    return t;
  };
}

/** A converter for a date/datetime field with a format (`iso`, `epoch-s`, `epoch-ms` or a pattern). */
export function dateFieldConverter(type: 'date' | 'datetime', format: string, timeZone?: string): Converter {
  return dateConverter(type, compileDateParser(format, timeZone, type), format);
}

/** Enum values by exact text, and by trimmed lower-case text. */
function enumConverter(field: Field): Converter {
  const exact = new Set(field.values ?? []);
  const loose = new Map((field.values ?? []).map((v) => [v.toLowerCase(), v]));
  const list = (field.values ?? []).join(', ');
  return (raw, slot) => {
    if (typeof raw === 'string') {
      if (exact.has(raw)) return raw;
      const v = loose.get(raw.trim().toLowerCase());
      if (v !== undefined) return v;
    }
    return fail(
      slot,
      raw,
      'VALUE.ENUM_UNMAPPED',
      `${quote(raw)} is not one of ${list} (map it with an enum transform)`,
    );
  };
}

/**
 * The plain cast of a raw value to a field's type: numbers from text or numbers, booleans from the usual
 * spellings, dates and date-times from ISO 8601 (or `Date`), enum values by name (case-insensitive).
 */
export function castConverter(field: Field, numberFormat?: NumberFormat): Converter {
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'money': {
      const parse = numberParser(numberFormat);
      const toField = numberToField(field.type);
      return (raw, slot) => toField(parse(raw), raw, slot);
    }
    case 'boolean':
      return toBoolean;
    case 'string':
      return toText;
    case 'enum':
      return enumConverter(field);
    case 'date':
    case 'datetime':
      return dateFieldConverter(field.type, 'iso');
  }
}
