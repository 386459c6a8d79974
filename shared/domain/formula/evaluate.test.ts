import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog';
import { FormulaEngine } from './engine';
import type { Dataset } from './evaluate';
import { previousPeriod, samePeriodLastYear, toPeriodMs, yearToDate } from './period';
import { normalizeRecords } from './records';

const { objects } = loadCatalog();
const ms = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
const JUNE = { start: '2024-06-01', end: '2024-07-01' };

const data: Dataset = {
  Customer: [
    { id: 'c1', segment: 'enterprise' },
    { id: 'c2', segment: 'consumer' },
  ],
  Invoice: [
    {
      id: 'i1',
      customerId: 'c1',
      issuedAt: ms('2024-06-03'),
      dueAt: ms('2024-07-03'),
      amount: 100,
      paidAt: null,
      isDisputed: false,
    },
    {
      id: 'i2',
      customerId: 'c2',
      issuedAt: ms('2024-06-10'),
      dueAt: ms('2024-07-10'),
      amount: 300,
      paidAt: ms('2024-06-20'),
      isDisputed: true,
    },
    {
      id: 'i3',
      customerId: 'c1',
      issuedAt: ms('2024-06-30'),
      dueAt: ms('2024-07-30'),
      amount: null,
      paidAt: null,
      isDisputed: false,
    },
    {
      id: 'i4',
      customerId: 'c9',
      issuedAt: ms('2024-05-15'),
      dueAt: ms('2024-06-14'),
      amount: 50,
      paidAt: ms('2024-06-14'),
      isDisputed: false,
    },
    {
      id: 'i5',
      customerId: 'c2',
      issuedAt: ms('2024-01-15'),
      dueAt: ms('2024-02-14'),
      amount: 1000,
      paidAt: ms('2024-02-01'),
      isDisputed: false,
    },
    {
      id: 'i6',
      customerId: 'c2',
      issuedAt: ms('2023-06-15'),
      dueAt: ms('2023-07-14'),
      amount: 200,
      paidAt: ms('2023-07-01'),
      isDisputed: false,
    },
  ],
};
const engine = new FormulaEngine(objects, new Map([['billed', 'sum(Invoice.amount)']]));
const value = (src: string, period = JUNE, d = data) => {
  const r = engine.evaluate(src, d, period);
  expect(r.diagnostics).toEqual([]);
  return r.value;
};

describe('evaluator semantics', () => {
  it('only sees records whose time field falls in the period (end exclusive)', () => {
    expect(value('count(Invoice)')).toBe(3);
    expect(value('sum(Invoice.amount)')).toBe(400);
    expect(value('count(Invoice)', { start: '2024-06-01', end: '2024-06-30' })).toBe(2);
  });

  it('skips nulls: count(field) counts values, avg ignores missing amounts', () => {
    expect(value('count(Invoice.amount)')).toBe(2);
    expect(value('avg(Invoice.amount)')).toBe(200);
    expect(value('count(Invoice.paidAt)')).toBe(1);
  });

  it('gives defined results for empty sets and division by zero, never NaN or Infinity', () => {
    const empty = { start: '2030-01-01', end: '2030-02-01' };
    expect(value('count(Invoice)', empty)).toBe(0);
    expect(value('sum(Invoice.amount)', empty)).toBe(0);
    expect(value('avg(Invoice.amount)', empty)).toBeNull();
    expect(value('median(Invoice.amount)', empty)).toBeNull();
    expect(value('max(Invoice.amount)', empty)).toBeNull();
    expect(value('sum(Invoice.amount) / count(Invoice)', empty)).toBeNull();
    expect(value('1 / 0')).toBeNull();
    expect(value('5 % 0')).toBeNull();
    expect(value('sum(Invoice.amount) / 0 + 1')).toBeNull();
    expect(value('coalesce(1 / 0, 7)')).toBe(7);
    expect(value('sqrt(-4)')).toBeNull();
    expect(engine.evaluate('sum(Invoice.amount)', { Invoice: [] }, JUNE).value).toBe(0);
    expect(engine.evaluate('sum(Invoice.amount)', {}, JUNE).value).toBe(0);
  });

  it('treats comparisons with missing values as false in filters', () => {
    expect(value('count(Invoice where amount > 0)')).toBe(2);
    expect(value('count(Invoice where not (amount > 0))')).toBe(1);
    expect(value('count(Invoice where paidAt <= dueAt)')).toBe(1);
    expect(value('count(Invoice where paidAt is null)')).toBe(2);
    expect(value("count(Invoice where customerId not in ('c1'))")).toBe(1);
    expect(value("count(Invoice where customerId in ('c1', 'c9'))")).toBe(2);
  });

  it('navigates relationships through keys; a dangling key reads as null', () => {
    expect(value("sum(Invoice.amount where customer.segment = 'enterprise')")).toBe(100);
    expect(
      value('count(Invoice where customer.segment is null)', { start: '2024-05-01', end: '2024-06-01' }),
    ).toBe(1);
  });

  it('computes count distinct, min, max, median and percentiles (linear interpolation)', () => {
    expect(value('count(distinct Invoice.customerId)')).toBe(2);
    const wide = { start: '2023-01-01', end: '2025-01-01' };
    expect(value('min(Invoice.amount)', wide)).toBe(50);
    expect(value('max(Invoice.amount)', wide)).toBe(1000);
    // amounts 50, 100, 200, 300, 1000
    expect(value('median(Invoice.amount)', wide)).toBe(200);
    expect(value('percentile(Invoice.amount, 90)', wide)).toBe(720);
    expect(value('percentile(Invoice.amount, 0)', wide)).toBe(50);
    expect(value('days_between(min(Invoice.issuedAt), max(Invoice.issuedAt))', wide)).toBe(381);
  });

  it('evaluates date, conditional and numeric functions', () => {
    expect(value('avg(days_between(Invoice.issuedAt, Invoice.paidAt))')).toBe(10);
    expect(value('sum(if(Invoice.isDisputed, 1, 0))')).toBe(1);
    expect(value('count(Invoice where day_of_week(issuedAt) = 1)')).toBe(2);
    expect(value('count(Invoice where in_period(add_days(issuedAt, 5)))')).toBe(2);
    expect(value('round(2.345, 2) + floor(1.9) + ceil(0.1) + abs(-1)')).toBe(2.35 + 1 + 1 + 1);
    expect(value('greatest(1, null, 3) - least(5, 2)')).toBe(1);
    expect(value('period_days()')).toBe(30);
    expect(value('year(period_start()) * 100 + month(period_end())')).toBe(202407);
  });

  it('shifts the period for previous_period, same_period_last_year, year_to_date and to_date', () => {
    expect(value('previous_period(sum(Invoice.amount))')).toBe(50);
    expect(value('same_period_last_year(sum(Invoice.amount))')).toBe(200);
    expect(value('year_to_date(sum(Invoice.amount))')).toBe(1450);
    expect(value('to_date(sum(Invoice.amount where paidAt is null or paidAt >= period_end()))')).toBe(100);
    expect(value('previous_period(previous_period(count(Invoice)))')).toBe(0);
    expect(previousPeriod(toPeriodMs({ start: '2024-03-01', end: '2024-04-01' }))).toEqual(
      toPeriodMs({ start: '2024-02-01', end: '2024-03-01' }),
    );
    expect(previousPeriod(toPeriodMs({ start: '2024-01-01', end: '2024-04-01' }))).toEqual(
      toPeriodMs({ start: '2023-10-01', end: '2024-01-01' }),
    );
    expect(previousPeriod(toPeriodMs({ start: '2024-06-10', end: '2024-06-17' }))).toEqual(
      toPeriodMs({ start: '2024-06-03', end: '2024-06-10' }),
    );
    expect(samePeriodLastYear(toPeriodMs({ start: '2024-02-01', end: '2024-03-01' }))).toEqual(
      toPeriodMs({ start: '2023-02-01', end: '2023-03-01' }),
    );
    expect(yearToDate(toPeriodMs(JUNE))).toEqual(toPeriodMs({ start: '2024-01-01', end: '2024-07-01' }));
  });

  it('evaluates derived KPIs for the same (or the shifted) period', () => {
    expect(value("kpi('billed') / previous_period(kpi('billed'))")).toBe(8);
  });

  it('rejects malformed periods with a coded error', () => {
    expect(() => engine.evaluate('1', data, { start: '2024-07-01', end: '2024-06-01' })).toThrow(
      /PERIOD.INVALID/,
    );
  });

  it('normalises ISO dates in raw records once', () => {
    const invoice = objects.find((o) => o.name === 'Invoice')!;
    const rows = normalizeRecords(invoice, [
      { id: 'x', issuedAt: '2024-06-05', dueAt: '2024-07-05T12:00:00Z', paidAt: 'not a date', amount: 5 },
    ]);
    expect(rows[0]).toEqual({
      id: 'x',
      issuedAt: ms('2024-06-05'),
      dueAt: ms('2024-07-05T12:00:00Z'),
      paidAt: null,
      amount: 5,
    });
    expect(engine.evaluate('sum(Invoice.amount)', { Invoice: rows }, JUNE).value).toBe(5);
  });
});
