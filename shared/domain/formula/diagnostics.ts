/**
 * Diagnostics reported by the lexer, parser, type-checker and dependency analysis. Positions are
 * exact: a 0-based `offset` and `length` into the source, plus 1-based `line` and `column` of the
 * offset, so that an editor can underline the culprit.
 */

/** Bounds that keep parsing cheap and the evaluator's recursion shallow. */
export const MAX_FORMULA_LENGTH = 4000;
export const MAX_NESTING_DEPTH = 40;

export type DiagnosticCode =
  | 'FORMULA.EMPTY'
  | 'FORMULA.TOO_LONG'
  | 'FORMULA.TOO_DEEP'
  | 'FORMULA.UNEXPECTED_CHARACTER'
  | 'FORMULA.UNTERMINATED_STRING'
  | 'FORMULA.SYNTAX'
  | 'FORMULA.UNKNOWN_OBJECT'
  | 'FORMULA.UNKNOWN_FIELD'
  | 'FORMULA.UNKNOWN_FUNCTION'
  | 'FORMULA.UNKNOWN_KPI'
  | 'FORMULA.UNKNOWN_ENUM_VALUE'
  | 'FORMULA.ARITY'
  | 'FORMULA.TYPE_MISMATCH'
  | 'FORMULA.NOT_A_NUMBER'
  | 'FORMULA.FIELD_OUTSIDE_AGGREGATE'
  | 'FORMULA.FOREIGN_OBJECT'
  | 'FORMULA.NO_OBJECT'
  | 'FORMULA.NESTED_AGGREGATE'
  | 'FORMULA.NOT_ALLOWED_HERE'
  | 'FORMULA.NOT_CONSTANT'
  | 'FORMULA.INVALID_LITERAL'
  | 'FORMULA.RESULT_NOT_NUMBER'
  | 'FORMULA.KPI_CYCLE'
  | 'FORMULA.INTERNAL';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error';
  readonly message: string;
  /** 0-based UTF-16 offset into the source. */
  readonly offset: number;
  readonly length: number;
  /** 1-based line of `offset`. */
  readonly line: number;
  /** 1-based column of `offset` (UTF-16 code units). */
  readonly column: number;
  /** What the parser would have accepted at this position (syntax errors). */
  readonly expected?: readonly string[];
  /** "Did you mean" candidates, best first. */
  readonly suggestions?: readonly string[];
}

/** Computes 1-based line/column of an offset. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Builds a diagnostic with line/column filled in. */
export function diagnostic(
  source: string,
  code: DiagnosticCode,
  message: string,
  offset: number,
  length: number,
  extra?: { expected?: readonly string[]; suggestions?: readonly string[] },
): Diagnostic {
  const { line, column } = positionOf(source, offset);
  const d: Diagnostic = { code, severity: 'error', message, offset, length, line, column };
  if (extra?.expected && extra.expected.length > 0) Object.assign(d, { expected: extra.expected });
  if (extra?.suggestions && extra.suggestions.length > 0)
    Object.assign(d, { suggestions: extra.suggestions });
  return d;
}
