import { type Diagnostic, diagnostic } from './diagnostics';

export type TokenKind = 'number' | 'string' | 'ident' | 'keyword' | 'op' | 'eof';

/** Keywords are case-insensitive; `value` holds them lower-cased. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'null',
  'true',
  'false',
  'where',
  'distinct',
]);

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, keyword (lower case), operator, or the decoded string literal. */
  readonly value: string;
  /** Numeric value of a number token. */
  readonly num: number;
  readonly offset: number;
  readonly length: number;
}

export interface LexResult {
  readonly tokens: Token[];
  readonly diagnostic?: Diagnostic;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c);

/**
 * Splits a formula into tokens. Scans char codes (no regular expressions) because the parser
 * must handle tens of thousands of formulas per second. Stops at the first lexical error.
 */
export function lex(source: string): LexResult {
  const tokens: Token[] = [];
  const n = source.length;
  let i = 0;
  const push = (kind: TokenKind, value: string, offset: number, length: number, num = 0) =>
    tokens.push({ kind, value, num, offset, length });
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    // `//` line comment
    if (c === 47 && source.charCodeAt(i + 1) === 47) {
      while (i < n && source.charCodeAt(i) !== 10) i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (i < n && isDigit(source.charCodeAt(i))) i++;
      if (source.charCodeAt(i) === 46 && isDigit(source.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
      }
      const raw = source.slice(start, i);
      push('number', raw, start, i - start, Number(raw));
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      const raw = source.slice(start, i);
      const lower = raw.toLowerCase();
      if (KEYWORDS.has(lower)) push('keyword', lower, start, i - start);
      else push('ident', raw, start, i - start);
      continue;
    }
    if (c === 39 || c === 34) {
      // '...' or "..." with backslash escapes
      i++;
      let value = '';
      let closed = false;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        if (d === 92 && i + 1 < n) {
          value += source[i + 1];
          i += 2;
          continue;
        }
        if (d === 10) break;
        value += source[i];
        i++;
      }
      if (!closed) {
        return {
          tokens,
          diagnostic: diagnostic(
            source,
            'FORMULA.UNTERMINATED_STRING',
            'String literal is not closed',
            start,
            i - start,
            { expected: [String.fromCharCode(c)] },
          ),
        };
      }
      push('string', value, start, i - start);
      continue;
    }
    const next = source.charCodeAt(i + 1);
    let op: string | undefined;
    let len = 1;
    switch (c) {
      case 43: // +
      case 45: // -
      case 42: // *
      case 47: // /
      case 37: // %
      case 40: // (
      case 41: // )
      case 44: // ,
      case 46: // .
        op = source[i];
        break;
      case 61: // = or ==
        op = '=';
        if (next === 61) len = 2;
        break;
      case 33: // !=
        if (next === 61) {
          op = '!=';
          len = 2;
        }
        break;
      case 60: // < <= <>
        if (next === 61) {
          op = '<=';
          len = 2;
        } else if (next === 62) {
          op = '!=';
          len = 2;
        } else op = '<';
        break;
      case 62: // > >=
        if (next === 61) {
          op = '>=';
          len = 2;
        } else op = '>';
        break;
    }
    if (op === undefined) {
      const ch = String.fromCodePoint(source.codePointAt(i) ?? c);
      return {
        tokens,
        diagnostic: diagnostic(
          source,
          'FORMULA.UNEXPECTED_CHARACTER',
          `Unexpected character '${ch}'`,
          i,
          ch.length,
        ),
      };
    }
    push('op', op, i, len);
    i += len;
  }
  push('eof', '', n, 0);
  return { tokens };
}
