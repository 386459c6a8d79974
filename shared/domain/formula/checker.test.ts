import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog';
import { FormulaEngine, findKpiCycles } from './engine';

const { objects } = loadCatalog();
const engine = new FormulaEngine(
  objects,
  new Map([
    ['revenue', 'sum(SalesOrderLine.netAmount)'],
    ['margin', "(kpi('revenue') - sum(SalesOrderLine.costAmount)) / kpi('revenue') * 100"],
    ['loop-a', "kpi('loop-b') + 1"],
    ['loop-b', "kpi('loop-a') * 2"],
  ]),
);

/** The single diagnostic of a formula that must fail. */
const only = (src: string, opts = {}) => {
  const r = engine.check(src, opts);
  expect(r.ok).toBe(false);
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
};

describe('type-checker', () => {
  it('accepts well-typed formulas and reports their result type', () => {
    const r = engine.check(
      "count(Shipment where deliveredAt <= promisedAt and carrier.mode = 'road') / count(Shipment) * 100",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.type).toBe('number');
  });

  it('suggests the object for an unknown object', () => {
    const d = only('sum(Invoce.amount)');
    expect(d).toMatchObject({
      code: 'FORMULA.UNKNOWN_OBJECT',
      offset: 4,
      length: 6,
      suggestions: ['Invoice'],
    });
    expect(d.message).toBe("Unknown object 'Invoce'. Did you mean 'Invoice'?");
  });

  it('suggests the field for an unknown field, also behind a relationship', () => {
    expect(only('sum(Invoice.ammount)')).toMatchObject({
      code: 'FORMULA.UNKNOWN_FIELD',
      offset: 12,
      length: 7,
      suggestions: ['amount'],
    });
    const d = only("count(Shipment where carrier.nmae = 'x')");
    expect(d).toMatchObject({ code: 'FORMULA.UNKNOWN_FIELD', offset: 29, suggestions: ['name'] });
    expect(d.message).toContain('Carrier has no field');
  });

  it('rejects aggregating a non-number', () => {
    const d = only('sum(Shipment.carrierId)');
    expect(d).toMatchObject({ code: 'FORMULA.NOT_A_NUMBER', offset: 4, length: 18 });
    expect(d.message).toBe(
      'sum(...) aggregates numbers, got Shipment.carrierId (string); count(...) counts records',
    );
    expect(only('avg(Shipment)')).toMatchObject({ code: 'FORMULA.NOT_A_NUMBER' });
    expect(only('avg(Ticket.isEscalated)').message).toContain('(boolean)');
  });

  it('rejects comparing a date with a string, and hints at date()', () => {
    const d = only("count(Invoice where issuedAt >= '2024-01-01')");
    expect(d).toMatchObject({ code: 'FORMULA.TYPE_MISMATCH', offset: 20, length: 24 });
    expect(d.message).toBe(
      "Cannot compare Invoice.issuedAt (date) with a string; write date('YYYY-MM-DD') for a date literal",
    );
    expect(engine.check("count(Invoice where issuedAt >= date('2024-01-01'))").ok).toBe(true);
    expect(only("count(Invoice where issuedAt >= date('2024-02-30'))")).toMatchObject({
      code: 'FORMULA.INVALID_LITERAL',
    });
  });

  it('rejects other type mismatches', () => {
    expect(only('sum(Invoice.amount) + count(Invoice where isDisputed) > 0', { expect: 'number' }).code).toBe(
      'FORMULA.RESULT_NOT_NUMBER',
    );
    expect(only('count(Invoice where amount)').message).toBe(
      "'where' needs a condition, got Invoice.amount (number)",
    );
    expect(only('sum(Invoice.dueAt - Invoice.issuedAt)').message).toContain('use days_between(from, to)');
    expect(only("count(Ticket where priority = 'hihg')")).toMatchObject({
      code: 'FORMULA.UNKNOWN_ENUM_VALUE',
      suggestions: ['high'],
    });
    expect(only('count(Ticket where resolvedAt = null)').message).toContain("'x is null'");
    expect(only("if(true, 1, 'x')").code).toBe('FORMULA.TYPE_MISMATCH');
    expect(only('count(Ticket where isEscalated < true)').code).toBe('FORMULA.TYPE_MISMATCH');
  });

  it('enforces where record values may appear', () => {
    expect(only('Invoice.amount * 2')).toMatchObject({
      code: 'FORMULA.FIELD_OUTSIDE_AGGREGATE',
      offset: 0,
      length: 14,
    });
    expect(only('sum(Invoice.amount where Shipment.units > 0)')).toMatchObject({
      code: 'FORMULA.FOREIGN_OBJECT',
    });
    expect(only('sum(SalesOrderLine.netAmount where Product.category = 1)').suggestions).toEqual([
      'SalesOrderLine.product',
    ]);
    expect(only('sum(Invoice.amount where amount > avg(Invoice.amount))').code).toBe(
      'FORMULA.NESTED_AGGREGATE',
    );
    expect(only('sum(1)').code).toBe('FORMULA.NO_OBJECT');
    expect(only('sum(Invoice.amount where previous_period(1) > 0)').code).toBe('FORMULA.NOT_ALLOWED_HERE');
    expect(only('sum(Invoice.customer)').message).toContain('is a relationship');
    expect(only('sum(Invoice.amount.value)').message).toContain('is a field of Invoice, not a relationship');
  });

  it('checks functions, arity and aggregate options', () => {
    expect(only('sum_of(Invoice.amount)')).toMatchObject({
      code: 'FORMULA.UNKNOWN_FUNCTION',
      suggestions: ['sum'],
    });
    expect(only('days_between(period_start())').code).toBe('FORMULA.ARITY');
    expect(only('sum(distinct Invoice.amount)').code).toBe('FORMULA.NOT_ALLOWED_HERE');
    expect(only('percentile(Ticket.handleMinutes, 150)').code).toBe('FORMULA.NOT_CONSTANT');
    expect(only('percentile(Ticket.handleMinutes)').code).toBe('FORMULA.ARITY');
    expect(only('avg(Ticket.handleMinutes, 90)').code).toBe('FORMULA.ARITY');
  });

  it('resolves KPI references and detects cycles', () => {
    expect(engine.check("kpi('margin') * 2").ok).toBe(true);
    expect(only("kpi('revenu')")).toMatchObject({ code: 'FORMULA.UNKNOWN_KPI', suggestions: ['revenue'] });
    const cyc = only("kpi('margin') + 1", { selfId: 'revenue' });
    expect(cyc).toMatchObject({ code: 'FORMULA.KPI_CYCLE', offset: 4, length: 8 });
    expect(cyc.message).toBe('KPI references form a cycle: revenue → margin → revenue');
    expect(only("kpi('loop-a')").message).toBe('KPI references form a cycle: loop-a → loop-b → loop-a');
    expect(only("kpi('x')", { selfId: 'x' }).code).toBe('FORMULA.UNKNOWN_KPI');
    expect(
      findKpiCycles(
        new Map([
          ['a', "kpi('b')"],
          ['b', "kpi('c')"],
          ['c', "kpi('a')"],
          ['d', "kpi('a')"],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('derives requirements through referenced KPIs', () => {
    const r = engine.check("kpi('margin')");
    expect(r.requirements?.kpis).toEqual(['margin', 'revenue']);
    expect(r.requirements?.objects.map((o) => o.name)).toEqual(['SalesOrderLine']);
  });

  it('reports several independent errors at once', () => {
    const r = engine.check('sum(Invoice.amout) + avg(Ticket.priority)');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FORMULA.UNKNOWN_FIELD', 'FORMULA.NOT_A_NUMBER']);
  });
});
