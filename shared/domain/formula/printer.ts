import type { Expr } from './ast';

const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  '=': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

function precedenceOf(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      return PRECEDENCE[e.op]!;
    case 'unary':
      return e.op === 'not' ? 3 : 7;
    case 'in':
    case 'is-null':
      return 4;
    default:
      return 8;
  }
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Prints an AST in canonical form (single spaces, lower-case keywords, only the parentheses the
 * precedence needs). `parseFormula(printFormula(ast))` yields the same tree.
 */
export function printFormula(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return numberText(e.value);
    case 'string':
      return quote(e.value);
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'ref':
      return e.segments.map((s) => s.name).join('.');
    case 'unary': {
      const inner = wrap(e.operand, precedenceOf(e), false);
      return e.op === 'not' ? `not ${inner}` : `-${inner}`;
    }
    case 'binary': {
      const p = precedenceOf(e);
      // Comparisons do not chain, so both sides of a comparison need a strictly higher level.
      const comparison = p === 4;
      return `${wrap(e.left, p, comparison)} ${e.op} ${wrap(e.right, p, true)}`;
    }
    case 'in':
      return `${wrap(e.operand, 4, true)} ${e.negated ? 'not in' : 'in'} (${e.items.map(printFormula).join(', ')})`;
    case 'is-null':
      return `${wrap(e.operand, 4, true)} is ${e.negated ? 'not null' : 'null'}`;
    case 'call':
      return `${e.callee.name}(${e.args.map(printFormula).join(', ')})`;
    case 'aggregate': {
      let s = `${e.fn}(${e.distinct ? 'distinct ' : ''}${printFormula(e.arg)}`;
      if (e.where) s += ` where ${printFormula(e.where)}`;
      if (e.rank) s += `, ${printFormula(e.rank)}`;
      return `${s})`;
    }
  }
}

/** Parenthesises `e` when it binds looser than its parent (or equally, on the strict side). */
function wrap(e: Expr, parent: number, strict: boolean): string {
  const p = precedenceOf(e);
  const text = printFormula(e);
  const needs = strict ? p <= parent : p < parent;
  // A negative number literal printed after '-' would read as '--': keep it parenthesised.
  if (!needs && e.kind === 'number' && e.value < 0) return `(${text})`;
  return needs ? `(${text})` : text;
}

/** Plain decimal notation: the lexer has no exponent syntax. */
function numberText(v: number): string {
  const s = String(v);
  if (!s.includes('e')) return s;
  return Number.isInteger(v) ? BigInt(v).toString() : v.toFixed(100).replace(/0+$/, '');
}
