import type { AggregateFunction, BinaryOperator, Expr, Identifier, Span } from './ast';
import { AGGREGATE_FUNCTIONS } from './ast';
import { type Diagnostic, diagnostic, MAX_FORMULA_LENGTH, MAX_NESTING_DEPTH } from './diagnostics';
import { lex, type Token } from './lexer';

/** Result of parsing: an AST, or the first syntax error (never both missing). */
export interface ParseResult {
  readonly ast: Expr | null;
  readonly diagnostics: readonly Diagnostic[];
}

class Bail extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

const COMPARISON: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);
const START_OF_OPERAND = ['number', 'string', 'identifier', '(', '-', 'not', 'true', 'false', 'null'];
const AFTER_OPERAND = ['operator', 'and', 'or', ')', 'end of formula'];

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of formula';
    case 'string':
      return 'string literal';
    case 'number':
      return `number ${t.value}`;
    case 'ident':
      return `identifier '${t.value}'`;
    default:
      return `'${t.value}'`;
  }
}

const spanFrom = (a: Span, b: Span): Span => ({ offset: a.offset, length: b.offset + b.length - a.offset });

/**
 * Parses a formula (grammar in shared/domain/README.md). Never throws: syntax errors come back as
 * diagnostics with the exact position and what was expected there.
 */
export function parseFormula(source: string): ParseResult {
  if (typeof source !== 'string') {
    return {
      ast: null,
      diagnostics: [diagnostic('', 'FORMULA.EMPTY', 'Formula must be a string', 0, 0)],
    };
  }
  if (source.length > MAX_FORMULA_LENGTH) {
    return {
      ast: null,
      diagnostics: [
        diagnostic(
          source,
          'FORMULA.TOO_LONG',
          `Formula is ${source.length} characters long; the limit is ${MAX_FORMULA_LENGTH}`,
          MAX_FORMULA_LENGTH,
          source.length - MAX_FORMULA_LENGTH,
        ),
      ],
    };
  }
  const lexed = lex(source);
  if (lexed.diagnostic) return { ast: null, diagnostics: [lexed.diagnostic] };
  const tokens = lexed.tokens;
  if (tokens.length === 1) {
    return { ast: null, diagnostics: [diagnostic(source, 'FORMULA.EMPTY', 'Formula is empty', 0, 0)] };
  }
  try {
    const parser = new Parser(source, tokens);
    const ast = parser.expression();
    parser.expectEnd();
    return { ast, diagnostics: [] };
  } catch (e) {
    if (e instanceof Bail) return { ast: null, diagnostics: [e.diagnostic] };
    const message = e instanceof Error ? e.message : String(e);
    return {
      ast: null,
      diagnostics: [diagnostic(source, 'FORMULA.INTERNAL', `Internal parser error: ${message}`, 0, 0)],
    };
  }
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  private get tok(): Token {
    return this.tokens[this.pos]!;
  }

  private peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }

  private isOp(value: string, t = this.tok): boolean {
    return t.kind === 'op' && t.value === value;
  }

  private isKeyword(value: string, t = this.tok): boolean {
    return t.kind === 'keyword' && t.value === value;
  }

  private fail(expected: readonly string[], what?: string): never {
    const t = this.tok;
    const message = `${what ?? `Expected ${expected.join(', ')}`} but found ${describe(t)}`;
    throw new Bail(diagnostic(this.source, 'FORMULA.SYNTAX', message, t.offset, t.length, { expected }));
  }

  private expectOp(value: string, context: string): Token {
    if (!this.isOp(value)) this.fail([`'${value}'`], `Expected '${value}' ${context}`);
    return this.tokens[this.pos++]!;
  }

  expectEnd(): void {
    if (this.tok.kind !== 'eof') this.fail(AFTER_OPERAND, 'Expected an operator or end of formula');
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      const t = this.tok;
      throw new Bail(
        diagnostic(
          this.source,
          'FORMULA.TOO_DEEP',
          `Formula nests deeper than ${MAX_NESTING_DEPTH} levels`,
          t.offset,
          t.length,
        ),
      );
    }
  }

  expression(): Expr {
    this.enter();
    const e = this.or();
    this.depth--;
    return e;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isKeyword('or')) {
      this.pos++;
      const right = this.and();
      left = { kind: 'binary', op: 'or', left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword('and')) {
      this.pos++;
      const right = this.not();
      left = { kind: 'binary', op: 'and', left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword('not')) {
      const t = this.tokens[this.pos++]!;
      this.enter();
      const operand = this.not();
      this.depth--;
      return { kind: 'unary', op: 'not', operand, span: spanFrom(t, operand.span) };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.tok;
    if (t.kind === 'op' && COMPARISON.has(t.value)) {
      this.pos++;
      const right = this.additive();
      return {
        kind: 'binary',
        op: t.value as BinaryOperator,
        left,
        right,
        span: spanFrom(left.span, right.span),
      };
    }
    if (this.isKeyword('is')) {
      this.pos++;
      let negated = false;
      if (this.isKeyword('not')) {
        negated = true;
        this.pos++;
      }
      if (!this.isKeyword('null')) this.fail(['null', 'not null'], "Expected 'null' after 'is'");
      const end = this.tokens[this.pos++]!;
      return { kind: 'is-null', negated, operand: left, span: spanFrom(left.span, end) };
    }
    if (this.isKeyword('in') || (this.isKeyword('not') && this.isKeyword('in', this.peek()))) {
      let negated = false;
      if (this.isKeyword('not')) {
        negated = true;
        this.pos++;
      }
      this.pos++;
      this.expectOp('(', "after 'in'");
      const items: Expr[] = [this.expression()];
      while (this.isOp(',')) {
        this.pos++;
        items.push(this.expression());
      }
      const end = this.expectOp(')', 'to close the list');
      return { kind: 'in', negated, operand: left, items, span: spanFrom(left.span, end) };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.tokens[this.pos++]!.value as BinaryOperator;
      const right = this.multiplicative();
      left = { kind: 'binary', op, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.tokens[this.pos++]!.value as BinaryOperator;
      const right = this.unary();
      left = { kind: 'binary', op, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const t = this.tokens[this.pos++]!;
      this.enter();
      const operand = this.unary();
      this.depth--;
      return { kind: 'unary', op: '-', operand, span: spanFrom(t, operand.span) };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'number':
        this.pos++;
        return { kind: 'number', value: t.num, span: { offset: t.offset, length: t.length } };
      case 'string':
        this.pos++;
        return { kind: 'string', value: t.value, span: { offset: t.offset, length: t.length } };
      case 'keyword':
        if (t.value === 'true' || t.value === 'false') {
          this.pos++;
          return { kind: 'boolean', value: t.value === 'true', span: { offset: t.offset, length: t.length } };
        }
        if (t.value === 'null') {
          this.pos++;
          return { kind: 'null', span: { offset: t.offset, length: t.length } };
        }
        return this.fail(START_OF_OPERAND, 'Expected a value');
      case 'ident':
        return this.isOp('(', this.peek()) ? this.call() : this.reference();
      case 'op':
        if (t.value === '(') {
          this.pos++;
          const inner = this.expression();
          const end = this.expectOp(')', 'to close the parenthesis');
          // Keep the parenthesised span so diagnostics underline what the user wrote.
          return { ...inner, span: spanFrom(t, end) };
        }
        return this.fail(START_OF_OPERAND, 'Expected a value');
      default:
        return this.fail(START_OF_OPERAND, 'Expected a value');
    }
  }

  private ident(): Identifier {
    const t = this.tokens[this.pos++]!;
    return { name: t.value, span: { offset: t.offset, length: t.length } };
  }

  private reference(): Expr {
    const segments: Identifier[] = [this.ident()];
    while (this.isOp('.')) {
      this.pos++;
      if (this.tok.kind !== 'ident') this.fail(['field or relationship name'], "Expected a name after '.'");
      segments.push(this.ident());
    }
    return { kind: 'ref', segments, span: spanFrom(segments[0]!.span, segments[segments.length - 1]!.span) };
  }

  private call(): Expr {
    const callee = this.ident();
    this.pos++; // '('
    this.enter();
    const lower = callee.name.toLowerCase();
    if (AGGREGATE_FUNCTIONS.has(lower)) {
      const fn = lower as AggregateFunction;
      let distinct = false;
      if (this.isKeyword('distinct')) {
        distinct = true;
        this.pos++;
      }
      const arg = this.expression();
      let where: Expr | null = null;
      if (this.isKeyword('where')) {
        this.pos++;
        where = this.expression();
      }
      let rank: Expr | null = null;
      if (this.isOp(',')) {
        this.pos++;
        rank = this.expression();
      }
      if (!this.isOp(')')) {
        this.fail(
          where ? ["','", "')'"] : ["'where'", "','", "')'"],
          `Expected ${where ? '' : "'where', "}',' or ')' in ${fn}(...)`,
        );
      }
      const end = this.tokens[this.pos++]!;
      this.depth--;
      return { kind: 'aggregate', fn, callee, distinct, arg, where, rank, span: spanFrom(callee.span, end) };
    }
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.expression());
      while (this.isOp(',')) {
        this.pos++;
        args.push(this.expression());
      }
    }
    if (!this.isOp(')')) this.fail(["','", "')'"], `Expected ',' or ')' in ${callee.name}(...)`);
    const end = this.tokens[this.pos++]!;
    this.depth--;
    return { kind: 'call', callee, args, span: spanFrom(callee.span, end) };
  }
}
