import { describe, expect, it } from 'vitest';
import type { Expr } from './ast';
import { MAX_FORMULA_LENGTH, MAX_NESTING_DEPTH } from './diagnostics';
import { parseFormula } from './parser';
import { printFormula } from './printer';

const ok = (src: string): Expr => {
  const r = parseFormula(src);
  expect(r.diagnostics).toEqual([]);
  return r.ast!;
};
const err = (src: string) => {
  const r = parseFormula(src);
  expect(r.ast).toBeNull();
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
};

describe('parseFormula: good input', () => {
  it('parses the issue examples', () => {
    for (const src of [
      'count(Shipment where deliveredAt <= promisedAt) / count(Shipment) * 100',
      'sum(SalesOrderLine.netAmount) / count(distinct SalesOrder.customerId)',
      'avg(days_between(PurchaseOrder.orderedAt, PurchaseOrder.receivedAt))',
    ]) {
      expect(printFormula(ok(src))).toBe(src);
    }
  });

  it('builds aggregates with distinct, where and percentile rank', () => {
    const e = ok("percentile(Ticket.handleMinutes where priority in ('high', 'urgent'), 90)");
    expect(e).toMatchObject({
      kind: 'aggregate',
      fn: 'percentile',
      distinct: false,
      rank: { kind: 'number', value: 90 },
    });
    expect(e.kind === 'aggregate' && e.where?.kind).toBe('in');
    const d = ok('count(distinct SalesOrder.customerId)');
    expect(d).toMatchObject({ kind: 'aggregate', fn: 'count', distinct: true, arg: { kind: 'ref' } });
  });

  it('respects precedence: not < comparison < additive < multiplicative < unary', () => {
    expect(printFormula(ok('1 + 2 * 3'))).toBe('1 + 2 * 3');
    expect(ok('1 + 2 * 3')).toMatchObject({ op: '+', right: { op: '*' } });
    expect(ok('(1 + 2) * 3')).toMatchObject({ op: '*', left: { op: '+' } });
    expect(ok('a or b and not c')).toMatchObject({
      op: 'or',
      right: { op: 'and', right: { kind: 'unary', op: 'not' } },
    });
    expect(ok('-a - -b')).toMatchObject({ op: '-', left: { kind: 'unary' }, right: { kind: 'unary' } });
    expect(ok('10 - 4 - 3')).toMatchObject({ op: '-', left: { op: '-' } });
  });

  it('accepts keywords in any case, == and <>, comments and line breaks', () => {
    const e = ok('count(Ticket WHERE status <> \'open\' AND priority == "high") // tickets\n  + 1');
    expect(printFormula(e)).toBe("count(Ticket where status != 'open' and priority = 'high') + 1");
  });

  it('parses null tests, in lists and escaped strings', () => {
    expect(printFormula(ok('x is not null and y is null'))).toBe('x is not null and y is null');
    expect(printFormula(ok("a not in ('x', 'it\\'s')"))).toBe("a not in ('x', 'it\\'s')");
  });

  it('records exact spans', () => {
    const e = ok('sum(Invoice.amount)   /  2');
    expect(e.span).toEqual({ offset: 0, length: 26 });
    expect(e.kind === 'binary' && e.left.span).toEqual({ offset: 0, length: 19 });
    expect(e.kind === 'binary' && e.right.span).toEqual({ offset: 25, length: 1 });
  });
});

describe('parseFormula: bad input with exact positions', () => {
  it('reports an operator with a missing operand', () => {
    const d = err('1 + * 2');
    expect(d).toMatchObject({ code: 'FORMULA.SYNTAX', offset: 4, length: 1, line: 1, column: 5 });
    expect(d.expected).toContain('number');
    expect(d.message).toBe("Expected a value but found '*'");
  });

  it('reports the end of input', () => {
    expect(err('sum(Invoice.amount) /')).toMatchObject({
      offset: 21,
      length: 0,
      column: 22,
      message: 'Expected a value but found end of formula',
    });
  });

  it('reports line and column on later lines', () => {
    const d = err('count(Ticket\n  where status = )');
    expect(d).toMatchObject({ line: 2, column: 18, offset: 30 });
  });

  it('reports an unclosed aggregate with what was expected', () => {
    const d = err('count(Shipment where (a = 1)');
    expect(d).toMatchObject({ offset: 28, column: 29, expected: ["','", "')'"] });
    const e = err('sum(Invoice.amount');
    expect(e.expected).toEqual(["'where'", "','", "')'"]);
  });

  it('reports trailing tokens', () => {
    expect(err('1 2')).toMatchObject({
      offset: 2,
      message: 'Expected an operator or end of formula but found number 2',
    });
  });

  it('reports lexical errors', () => {
    expect(err("count(Ticket where status = 'open)")).toMatchObject({
      code: 'FORMULA.UNTERMINATED_STRING',
      offset: 28,
      length: 6,
    });
    expect(err('sum(Invoice.amount) $ 2')).toMatchObject({
      code: 'FORMULA.UNEXPECTED_CHARACTER',
      offset: 20,
      length: 1,
    });
    expect(err('a.')).toMatchObject({ offset: 2, expected: ['field or relationship name'] });
    expect(err('x is 1')).toMatchObject({ offset: 5, expected: ['null', 'not null'] });
  });

  it('rejects empty, too long and too deep formulas', () => {
    expect(err('  // nothing')).toMatchObject({ code: 'FORMULA.EMPTY' });
    expect(err('1+'.repeat(MAX_FORMULA_LENGTH))).toMatchObject({
      code: 'FORMULA.TOO_LONG',
      offset: MAX_FORMULA_LENGTH,
    });
    const deep = `${'('.repeat(MAX_NESTING_DEPTH + 1)}1${')'.repeat(MAX_NESTING_DEPTH + 1)}`;
    expect(err(deep)).toMatchObject({ code: 'FORMULA.TOO_DEEP' });
    expect(
      parseFormula(`${'('.repeat(MAX_NESTING_DEPTH - 2)}1${')'.repeat(MAX_NESTING_DEPTH - 2)}`).ast,
    ).not.toBeNull();
    expect(err(`${'-'.repeat(100)}1`)).toMatchObject({ code: 'FORMULA.TOO_DEEP' });
  });
});

describe('printFormula', () => {
  it('keeps the parentheses the tree needs and no others', () => {
    expect(printFormula(ok('((a + b)) * (c)'))).toBe('(a + b) * c');
    expect(printFormula(ok('a - (b - c)'))).toBe('a - (b - c)');
    expect(printFormula(ok('not (a and b)'))).toBe('not (a and b)');
    expect(printFormula(ok('(a = b) = c'))).toBe('(a = b) = c');
    expect(printFormula(ok('0.000001 + 123456789012345678901234'))).toBe(
      '0.000001 + 123456789012345685803008',
    );
  });
});
