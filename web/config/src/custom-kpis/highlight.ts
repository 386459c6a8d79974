/**
 * Syntax colouring and diagnostic underlines for the formula editor. The editor draws a `<pre>` of
 * segments under a transparent textarea, so every segment must hold exactly the source characters:
 * the squiggle then sits under the very characters a diagnostic's offset and length name.
 */
import { AGGREGATE_FUNCTIONS } from '@kpi/shared/domain/formula/ast';
import { FUNCTIONS } from '@kpi/shared/domain/formula/functions';

export type TokenClass =
  | 'comment'
  | 'string'
  | 'number'
  | 'keyword'
  | 'function'
  | 'object'
  | 'name'
  | 'operator'
  | 'space';

export interface Segment {
  text: string;
  token: TokenClass;
  /** Index into the diagnostics of the first one covering this segment, when any does. */
  diagnostic?: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'where', 'distinct']);

/**
 * Splits a formula into coloured tokens. Tolerant: an unterminated string ends at the line end, an
 * unknown character is an operator; it never fails, whatever is typed.
 */
export function tokenize(text: string): { from: number; to: number; token: TokenClass }[] {
  const out: { from: number; to: number; token: TokenClass }[] = [];
  const pattern =
    /(\/\/[^\n]*)|('(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?)|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\s+)|([^\sA-Za-z0-9_'"/]+|\/)/gy;
  let m: RegExpExecArray | null = pattern.exec(text);
  while (m !== null && m[0].length > 0) {
    const from = m.index;
    const to = from + m[0].length;
    let token: TokenClass;
    if (m[1]) token = 'comment';
    else if (m[2]) token = 'string';
    else if (m[3]) token = 'number';
    else if (m[4]) {
      const word = m[4];
      const lower = word.toLowerCase();
      if (KEYWORDS.has(lower)) token = 'keyword';
      else if (/^\s*\(/.test(text.slice(to)) && (AGGREGATE_FUNCTIONS.has(lower) || FUNCTIONS.has(lower)))
        token = 'function';
      else if (/^[A-Z]/.test(word)) token = 'object';
      else token = 'name';
    } else if (m[5]) token = 'space';
    else token = 'operator';
    out.push({ from, to, token });
    if (to >= text.length) break;
    m = pattern.exec(text);
  }
  return out;
}

/** A diagnostic's position in the source. */
export interface Span {
  offset: number;
  length: number;
}

/**
 * The characters to underline for a diagnostic: at least one (a zero-length "expected …" marks the
 * character where something is missing), clamped to the text; `from === textLength` means "after the
 * end", which the editor draws as an underlined blank after the last character.
 */
export function diagnosticRange(span: Span, textLength: number): { from: number; to: number } {
  const from = Math.max(0, Math.min(span.offset, textLength));
  if (from >= textLength) return { from: textLength, to: textLength };
  return { from, to: Math.min(from + Math.max(span.length, 1), textLength) };
}

/**
 * Segments of the text, split where a token or a diagnostic range begins or ends. When a diagnostic
 * sits after the last character, a final one-space segment carries it (the `<pre>` may be one
 * character longer than the textarea: that blank is only ever drawn after the text).
 */
export function segments(text: string, diagnostics: readonly Span[]): Segment[] {
  const ranges = diagnostics.map((d) => diagnosticRange(d, text.length));
  const cuts = new Set<number>([0, text.length]);
  const tokens = tokenize(text);
  for (const t of tokens) cuts.add(t.from).add(t.to);
  for (const r of ranges) cuts.add(r.from).add(r.to);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out: Segment[] = [];
  let t = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    while (t < tokens.length && tokens[t]!.to <= from) t++;
    const token = tokens[t] && tokens[t]!.from <= from ? tokens[t]!.token : 'space';
    const seg: Segment = { text: text.slice(from, to), token };
    const d = ranges.findIndex((r) => r.from <= from && to <= r.to && r.from < r.to);
    if (d !== -1) seg.diagnostic = d;
    out.push(seg);
  }
  const atEnd = ranges.findIndex((r) => r.from === text.length);
  if (atEnd !== -1) out.push({ text: ' ', token: 'space', diagnostic: atEnd });
  return out;
}

/** 1-based line and column of an offset (as diagnostics report them). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}
