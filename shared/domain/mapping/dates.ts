/**
 * Date and date-time parsing for mappings: ISO 8601, epoch seconds/milliseconds, and explicit patterns
 * (`dd.MM.yyyy HH:mm`) read in an IANA time zone. Patterns compile once into a token list scanned by char
 * codes (no regex match arrays per value); zone offsets come from `Intl` (Node and browsers), cached per
 * quarter hour, since every modern zone changes its offset on a quarter-hour boundary.
 */

/** Parses one text into epoch milliseconds, or NaN when it is not a valid date in the format. */
export type DateParser = (text: string) => number;

export type DateTarget = 'date' | 'datetime';

const DAY = 86_400_000;
const QUARTER_HOUR = 900_000;

export class DateFormatError extends Error {
  constructor(
    readonly code: 'MAPPING.DATE_FORMAT_INVALID' | 'MAPPING.TIME_ZONE_INVALID',
    message: string,
  ) {
    super(message);
  }
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return (
    mo >= 1 &&
    mo <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, mo) &&
    h >= 0 &&
    h <= 23 &&
    mi >= 0 &&
    mi <= 59 &&
    s >= 0 &&
    s <= 59
  );
}

// ---------------------------------------------------------------- time zones

/** Offset of a zone at an instant (ms to add to UTC to get the wall time). */
export type ZoneOffset = (instant: number) => number;

const zoneCache = new Map<string, ZoneOffset>();

/** The offset function of an IANA zone; throws `MAPPING.TIME_ZONE_INVALID` for an unknown zone. */
export function zoneOffset(timeZone: string): ZoneOffset {
  const cached = zoneCache.get(timeZone);
  if (cached) return cached;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const utc = () => 0;
    zoneCache.set(timeZone, utc);
    return utc;
  }
  let dtf: Intl.DateTimeFormat;
  try {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new DateFormatError(
      'MAPPING.TIME_ZONE_INVALID',
      `Unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin)`,
    );
  }
  const byQuarter = new Map<number, number>();
  let lastQuarter = Number.NaN;
  let lastOffset = 0;
  const compute = (t: number): number => {
    const p: Record<string, number> = {};
    for (const part of dtf.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(
      p.year ?? 1970,
      (p.month ?? 1) - 1,
      p.day ?? 1,
      p.hour ?? 0,
      p.minute ?? 0,
      p.second ?? 0,
    );
    return wall - t; // t is on a quarter hour: no milliseconds to drop
  };
  const offset: ZoneOffset = (t) => {
    // `| 0` keeps the key a small integer (a float key hashes slowly); fine for years up to ±60,000.
    const q = Math.floor(t / QUARTER_HOUR) | 0;
    if (q === lastQuarter) return lastOffset;
    let o = byQuarter.get(q);
    if (o === undefined) {
      if (byQuarter.size > 50_000) byQuarter.clear();
      o = compute(q * QUARTER_HOUR);
      byQuarter.set(q, o);
    }
    lastQuarter = q;
    lastOffset = o;
    return o;
  };
  zoneCache.set(timeZone, offset);
  return offset;
}

/** The instant of a wall time in a zone (for a wall time skipped or repeated by DST: the earlier offset's reading). */
export function wallToInstant(wallAsUtc: number, offset: ZoneOffset): number {
  const o1 = offset(wallAsUtc);
  const t = wallAsUtc - o1;
  const o2 = offset(t);
  return o2 === o1 ? t : wallAsUtc - o2;
}

// ---------------------------------------------------------------- ISO 8601

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Two digits at `i`, or -1 (past the end `charCodeAt` is NaN, which fails the range checks). */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Four digits at `i`, or -1. */
function d4(s: string, i: number): number {
  const hi = d2(s, i);
  const lo = d2(s, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

/**
 * ISO 8601 `yyyy-MM-dd[(T| )HH:mm[:ss[.fff]]][Z|±HH[:mm]]`. Without an offset the wall time is read with
 * `offset`. For a `date` target the calendar date as written is kept (UTC midnight).
 */
function parseIso(s: string, offset: ZoneOffset, target: DateTarget): number {
  const n = s.length;
  const y = d4(s, 0);
  if (y < 0 || s.charCodeAt(4) !== 45) return Number.NaN;
  const mo = d2(s, 5);
  if (mo < 0 || s.charCodeAt(7) !== 45) return Number.NaN;
  const d = d2(s, 8);
  if (d < 0) return Number.NaN;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let i = 10;
  let explicitOffset: number | undefined;
  if (i < n) {
    const sep = s.charCodeAt(i);
    if (sep !== 84 && sep !== 116 && sep !== 32) return Number.NaN; // T, t, space
    h = d2(s, i + 1);
    if (h < 0 || s.charCodeAt(i + 3) !== 58) return Number.NaN;
    mi = d2(s, i + 4);
    if (mi < 0) return Number.NaN;
    i += 6;
    if (i < n && s.charCodeAt(i) === 58) {
      sec = d2(s, i + 1);
      if (sec < 0) return Number.NaN;
      i += 3;
      if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        i++;
        let scale = 100;
        const start = i;
        while (i < n && isDigit(s.charCodeAt(i))) {
          ms += (s.charCodeAt(i) - 48) * scale;
          scale /= 10;
          i++;
        }
        if (i === start || i - start > 9) return Number.NaN;
        ms = Math.floor(ms);
      }
    }
    if (i < n) {
      const c = s.charCodeAt(i);
      if ((c === 90 || c === 122) && i === n - 1)
        explicitOffset = 0; // Z
      else if (c === 43 || c === 45) {
        const oh = d2(s, i + 1);
        let j = i + 3;
        if (j < n && s.charCodeAt(j) === 58) j++;
        const om = j < n ? d2(s, j) : 0;
        if (oh < 0 || om < 0 || oh > 23 || om > 59 || (j < n ? j + 2 : j) !== n) return Number.NaN;
        explicitOffset = (c === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
      } else return Number.NaN;
    }
  }
  if (!validParts(y, mo, d, h, mi, sec)) return Number.NaN;
  if (target === 'date') return Date.UTC(y, mo - 1, d);
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  return explicitOffset === undefined ? wallToInstant(wall, offset) : wall - explicitOffset;
}

// ---------------------------------------------------------------- patterns

enum Part {
  Year4 = 0,
  Year2 = 1,
  Month = 2,
  Day = 3,
  Hour = 4,
  Minute = 5,
  Second = 6,
  Milli = 7,
}

interface Token {
  /** -1 for a literal. */
  readonly part: number;
  readonly min: number;
  readonly max: number;
  /** The literal char code. */
  readonly code: number;
}

const PATTERN_TOKENS: readonly [string, Part, number, number][] = [
  ['yyyy', Part.Year4, 4, 4],
  ['yy', Part.Year2, 2, 2],
  ['MM', Part.Month, 2, 2],
  ['M', Part.Month, 1, 2],
  ['dd', Part.Day, 2, 2],
  ['d', Part.Day, 1, 2],
  ['HH', Part.Hour, 2, 2],
  ['H', Part.Hour, 1, 2],
  ['mm', Part.Minute, 2, 2],
  ['ss', Part.Second, 2, 2],
  ['SSS', Part.Milli, 3, 3],
];

/** Compiles `dd.MM.yyyy HH:mm`-style patterns; throws `MAPPING.DATE_FORMAT_INVALID`. */
function compilePattern(format: string): Token[] {
  const tokens: Token[] = [];
  const seen = new Set<number>();
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch === "'") {
      const end = format.indexOf("'", i + 1);
      if (end < 0)
        throw new DateFormatError('MAPPING.DATE_FORMAT_INVALID', `Unclosed quote in date format "${format}"`);
      for (let k = i + 1; k < end; k++) tokens.push({ part: -1, min: 0, max: 0, code: format.charCodeAt(k) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      const match = PATTERN_TOKENS.find(([t]) => format.startsWith(t, i) && format[i + t.length] !== ch);
      if (!match) {
        throw new DateFormatError(
          'MAPPING.DATE_FORMAT_INVALID',
          `Unknown date pattern letters at "${format.slice(i)}" (use yyyy yy MM M dd d HH H mm ss SSS; quote literal letters)`,
        );
      }
      const [t, part, min, max] = match;
      if (seen.has(part))
        throw new DateFormatError('MAPPING.DATE_FORMAT_INVALID', `"${t}" appears twice in "${format}"`);
      seen.add(part);
      tokens.push({ part, min, max, code: 0 });
      i += t.length;
      continue;
    }
    tokens.push({ part: -1, min: 0, max: 0, code: format.charCodeAt(i) });
    i++;
  }
  if (!(seen.has(Part.Year4) || seen.has(Part.Year2)) || !seen.has(Part.Month) || !seen.has(Part.Day)) {
    throw new DateFormatError(
      'MAPPING.DATE_FORMAT_INVALID',
      `The date format "${format}" needs a year, a month and a day`,
    );
  }
  return tokens;
}

function patternParser(tokens: readonly Token[], offset: ZoneOffset, target: DateTarget): DateParser {
  const parts = tokens.map((t) => t.part);
  const mins = tokens.map((t) => t.min);
  const maxs = tokens.map((t) => t.max);
  const codes = tokens.map((t) => t.code);
  const count = tokens.length;
  return (s) => {
    let y4 = 0;
    let y2 = -1;
    let mo = 1;
    let d = 1;
    let h = 0;
    let mi = 0;
    let sec = 0;
    let ms = 0;
    let i = 0;
    const n = s.length;
    for (let k = 0; k < count; k++) {
      const part = parts[k] as number;
      if (part < 0) {
        if (s.charCodeAt(i) !== codes[k]) return Number.NaN;
        i++;
        continue;
      }
      const max = maxs[k] as number;
      let v = 0;
      let len = 0;
      while (len < max && i < n) {
        const c = s.charCodeAt(i);
        if (c < 48 || c > 57) break;
        v = v * 10 + c - 48;
        i++;
        len++;
      }
      if (len < (mins[k] as number)) return Number.NaN;
      switch (part) {
        case Part.Year4:
          y4 = v;
          break;
        case Part.Year2:
          y2 = v;
          break;
        case Part.Month:
          mo = v;
          break;
        case Part.Day:
          d = v;
          break;
        case Part.Hour:
          h = v;
          break;
        case Part.Minute:
          mi = v;
          break;
        case Part.Second:
          sec = v;
          break;
        default:
          ms = v;
      }
    }
    if (i !== n) return Number.NaN;
    const y = y2 >= 0 ? 2000 + y2 : y4;
    if (!validParts(y, mo, d, h, mi, sec)) return Number.NaN;
    if (target === 'date') return Date.UTC(y, mo - 1, d);
    return wallToInstant(Date.UTC(y, mo - 1, d, h, mi, sec, ms), offset);
  };
}

/** An instant as a `date` value: the calendar day in the zone, at UTC midnight. */
export function instantToDate(t: number, offset: ZoneOffset): number {
  const wall = t + offset(t);
  return wall - (((wall % DAY) + DAY) % DAY);
}

/**
 * Compiles a date format (`iso`, `epoch-s`, `epoch-ms` or a pattern) for a `date` or `datetime` field.
 * Throws `DateFormatError` with a stable code for a bad pattern or time zone.
 */
export function compileDateParser(
  format: string,
  timeZone: string | undefined,
  target: DateTarget,
): DateParser {
  const offset = zoneOffset(timeZone ?? 'UTC');
  if (format === 'iso') return (s) => parseIso(s, offset, target);
  if (format === 'epoch-s' || format === 'epoch-ms') {
    const scale = format === 'epoch-s' ? 1000 : 1;
    return (s) => {
      if (!/^[+-]?\d+(?:\.\d+)?$/.test(s)) return Number.NaN;
      const t = Math.round(Number(s) * scale);
      if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) return Number.NaN;
      return target === 'date' ? instantToDate(t, offset) : t;
    };
  }
  return patternParser(compilePattern(format), offset, target);
}

/** Checks a format and zone without compiling a parser for use: the error, or undefined. */
export function dateFormatProblem(format: string, timeZone?: string): DateFormatError | undefined {
  try {
    compileDateParser(format, timeZone, 'datetime');
    return undefined;
  } catch (err) {
    if (err instanceof DateFormatError) return err;
    throw err;
  }
}
