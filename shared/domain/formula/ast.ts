/** Abstract syntax tree of the KPI formula language. Every node carries its source span. */

export interface Span {
  readonly offset: number;
  readonly length: number;
}

export interface Identifier {
  readonly name: string;
  readonly span: Span;
}

export type AggregateFunction = 'sum' | 'count' | 'avg' | 'min' | 'max' | 'median' | 'percentile';
export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'sum',
  'count',
  'avg',
  'min',
  'max',
  'median',
  'percentile',
]);

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'and'
  | 'or';

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  readonly span: Span;
}
export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly span: Span;
}
export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly span: Span;
}
export interface NullLiteral {
  readonly kind: 'null';
  readonly span: Span;
}
/** A dotted path: `Object`, `Object.field`, `field`, `relationship.field`, `Object.rel.field`. */
export interface Reference {
  readonly kind: 'ref';
  readonly segments: readonly Identifier[];
  readonly span: Span;
}
export interface Unary {
  readonly kind: 'unary';
  readonly op: '-' | 'not';
  readonly operand: Expr;
  readonly span: Span;
}
export interface Binary {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}
/** `x in (a, b)` / `x not in (a, b)`. */
export interface InList {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly items: readonly Expr[];
  readonly span: Span;
}
/** `x is null` / `x is not null`. */
export interface IsNull {
  readonly kind: 'is-null';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly span: Span;
}
/** Scalar, date, period function or `kpi('id')`. */
export interface Call {
  readonly kind: 'call';
  readonly callee: Identifier;
  readonly args: readonly Expr[];
  readonly span: Span;
}
/** `fn([distinct] arg [where condition] [, percentile])`. */
export interface Aggregate {
  readonly kind: 'aggregate';
  readonly fn: AggregateFunction;
  readonly callee: Identifier;
  readonly distinct: boolean;
  readonly arg: Expr;
  readonly where: Expr | null;
  /** Only for `percentile`: the percentile rank 0..100. */
  readonly rank: Expr | null;
  readonly span: Span;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | Reference
  | Unary
  | Binary
  | InList
  | IsNull
  | Call
  | Aggregate;

/** Calls `visit` on every node, parents before children. */
export function walk(node: Expr, visit: (node: Expr) => void): void {
  visit(node);
  switch (node.kind) {
    case 'unary':
      walk(node.operand, visit);
      break;
    case 'binary':
      walk(node.left, visit);
      walk(node.right, visit);
      break;
    case 'in':
      walk(node.operand, visit);
      for (const item of node.items) walk(item, visit);
      break;
    case 'is-null':
      walk(node.operand, visit);
      break;
    case 'call':
      for (const arg of node.args) walk(arg, visit);
      break;
    case 'aggregate':
      walk(node.arg, visit);
      if (node.where) walk(node.where, visit);
      if (node.rank) walk(node.rank, visit);
      break;
    default:
      break;
  }
}
