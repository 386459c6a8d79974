import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../domain/catalog/load-catalog';
import type { Dataset } from '../domain/formula/evaluate';
import { DAY_MS, formatIsoDate, type Period } from '../domain/formula/period';
import { DuckDbSession } from './duckdb-session';
import { KpiCalculator } from './kpi-calculator';
import { folderLake } from './lake-files.port';
import { calendarPeriods, periodToDate } from './periods';
import { sameValue, writeDatasetLake } from './sample-lake';

// The cases where metric engines go wrong (shared/LESSONS.md, "Metrics compiled to SQL"), on a
// small hand-made data set whose sums reveal exactly which days a period read: one invoice a day,
// amount = day of the month.
const catalog = loadCatalog();
const STATUSES = ['open', 'paid', 'overdue', 'disputed', 'written_off'];
const SEGMENTS = ['consumer', 'smb', 'enterprise', null];

function invoices(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let t = Date.UTC(2021, 11, 1), i = 0; t < Date.UTC(2025, 1, 1); t += DAY_MS, i++) {
    const day = new Date(t).getUTCDate();
    rows.push({
      id: `inv-${i}`,
      customerId: `c${i % 5}`, // c4 has no Customer record: a dangling key
      orderId: null,
      issuedAt: t,
      dueAt: t + 30 * DAY_MS,
      amount: day,
      paidAmount: i % 5 === 0 ? null : day / 2,
      paidAt: i % 4 === 0 ? null : t + (i % 17) * DAY_MS + 3_600_000 * (i % 24),
      status: STATUSES[i % STATUSES.length],
      isDisputed: i % 7 === 0 ? null : i % 3 === 0,
      isElectronic: i % 2 === 0,
      hasError: false,
      writtenOffAmount: 0,
    });
  }
  // A record outside time (no time field value) is never in a period.
  rows.push({ ...rows[0], id: 'inv-undated', issuedAt: null, amount: 1e6 });
  // The last millisecond of a month and the first of the next: half-open periods.
  rows.push({ ...rows[0], id: 'inv-edge-1', issuedAt: Date.UTC(2024, 1, 29, 23, 59, 59, 999), amount: 1000 });
  rows.push({ ...rows[0], id: 'inv-edge-2', issuedAt: Date.UTC(2024, 2, 1), amount: 2000 });
  return rows;
}

const customers = [0, 1, 2, 3].map((i) => ({
  id: `c${i}`,
  name: `Customer ${i}`,
  segment: SEGMENTS[i],
  region: 'north',
  createdAt: Date.UTC(2023, i * 3, 15),
  churnedAt: null,
  loyaltyTier: 'none',
  creditLimit: 1000 * i,
  isActive: i !== 2,
}));

const data: Dataset = { Invoice: invoices(), Customer: customers };

const week = (start: string): Period => ({ start, end: formatIsoDate(Date.parse(start) + 7 * DAY_MS) });
const PERIODS: readonly Period[] = [
  ...calendarPeriods('month', '2023-01-01', 24), // 28/29/30/31-day months, two year ends
  ...calendarPeriods('quarter', '2023-01-01', 8),
  ...calendarPeriods('year', '2023-01-01', 2),
  week('2024-02-26'), // a week across 29 February
  week('2024-12-30'), // a week across a year end
  { start: '2024-02-29', end: '2024-03-01' }, // 29 February alone: last year has no such day
  { start: '2024-03-31', end: '2024-04-01' }, // the 31st: the previous month is shorter
  periodToDate('month', '2024-03-30'),
  periodToDate('quarter', '2024-02-29'),
  periodToDate('year', '2024-02-29'),
];

const FORMULAS: readonly string[] = [
  'sum(Invoice.amount)',
  'previous_period(sum(Invoice.amount))',
  'same_period_last_year(sum(Invoice.amount))',
  'year_to_date(sum(Invoice.amount))',
  'to_date(count(Invoice))',
  'previous_period(year_to_date(sum(Invoice.amount)))',
  'year_to_date(previous_period(sum(Invoice.amount)))',
  'same_period_last_year(previous_period(count(Invoice)))',
  'to_date(sum(Invoice.amount where paidAt is null or paidAt >= period_end()))',
  // Filters see the shifted period (metricflow#925: a filter applied before the offset).
  'previous_period(count(Invoice where issuedAt >= add_days(period_start(), 10)))',
  'same_period_last_year(sum(Invoice.amount where in_period(add_days(issuedAt, 3))))',
  'previous_period(period_days()) * 1000 + period_days()',
  'same_period_last_year(period_days())',
  'to_date(period_days()) / 1000000',
  // kpi() references to shifted KPIs (metricflow#882).
  "kpi('growth')",
  "same_period_last_year(kpi('growth'))",
  "previous_period(kpi('ytd')) - kpi('ytd')",
  // Division and modulo by zero: no value, never Infinity or NaN (metricflow#1098).
  'sum(Invoice.amount where false) / count(Invoice where false)',
  '1 / 0',
  '0 / 0',
  '5 % 0',
  'sum(Invoice.amount) % 7',
  '-7 % 3', // found: DuckDB's fmod(-7, 3) is 2, JavaScript's -7 % 3 is -1
  '7.5 % -2 + sum(Invoice.amount - 40) % 9',
  // Nulls: a comparison with null is false, so filters drop the record.
  'count(Invoice where isDisputed)',
  'count(Invoice where not isDisputed)',
  'count(Invoice where isDisputed = false)',
  'count(Invoice where isDisputed != true)',
  'count(Invoice where isDisputed is null)',
  'count(Invoice.paidAmount)',
  'count(Invoice.isDisputed)',
  'sum(Invoice.paidAmount)',
  'sum(Invoice.paidAmount + 1)',
  'avg(Invoice.paidAmount where false)',
  'min(Invoice.amount where false)',
  'median(Invoice.paidAmount where false)',
  'count(Invoice where paidAmount > 10 or paidAmount is null)',
  'count(Invoice where not (paidAmount > 10))',
  "count(Invoice where status not in ('paid', 'open'))",
  "count(Invoice where status in ('paid') and isDisputed)",
  'count(distinct Invoice.customerId)',
  'count(distinct Invoice.customer.segment)',
  'count(distinct Invoice.paidAmount)',
  'median(Invoice.amount)',
  'percentile(Invoice.amount, 90)',
  'percentile(Invoice.paidAmount, 0)',
  'percentile(Invoice.amount, 100)',
  'percentile(Invoice.amount, 37.5)',
  'days_between(min(Invoice.issuedAt), max(Invoice.issuedAt))',
  'hours_between(min(Invoice.paidAt), max(Invoice.paidAt))',
  // To-one paths: a dangling key and a null segment read as null.
  "sum(Invoice.amount where customer.segment = 'enterprise')",
  'count(Invoice where customer.segment is null)',
  "count(Invoice where customer.segment != 'smb')",
  'sum(Invoice.customer.creditLimit)',
  'count(Invoice where customer.isActive)',
  // Functions.
  'sum(if(isDisputed, Invoice.amount, -Invoice.amount))',
  'sum(coalesce(Invoice.paidAmount, 100))',
  'round(avg(Invoice.paidAmount), 2)',
  'round(-2.5) + round(2.5) * 10 + round(1.005, 2) * 1000',
  'sqrt(-1)',
  'coalesce(sqrt(-1), 42)',
  'least(null, 3, 2) + greatest(null, 7) * 10',
  'avg(day_of_week(Invoice.issuedAt))',
  'sum(year(Invoice.issuedAt) - 2000) + sum(quarter(Invoice.issuedAt)) / 1000',
  'avg(month(Invoice.paidAt)) + avg(hour(Invoice.paidAt))',
  'avg(days_between(Invoice.issuedAt, add_days(Invoice.issuedAt, 1.5)))',
  'avg(minutes_between(Invoice.issuedAt, Invoice.paidAt))',
  'count(Invoice where in_period(add_days(issuedAt, 10)))',
  "count(Invoice where issuedAt >= date('2024-02-29'))",
  'count(Invoice where paidAt > dueAt)',
  'count(Invoice where abs(amount - 15) <= 2 and floor(amount / 10) = 1 and ceil(amount / 10) = 2)',
  // Master data has no time field: never filtered by period.
  'count(Customer)',
  'count(Customer where in_period(createdAt))',
  'sum(Customer.creditLimit where not isActive)',
  'null',
];

const KPIS = new Map([
  ['base', 'sum(Invoice.amount)'],
  ['growth', "(kpi('base') - previous_period(kpi('base'))) / previous_period(kpi('base')) * 100"],
  ['ytd', "year_to_date(kpi('base')) / count(Customer)"],
]);

let session: DuckDbSession;
let calc: KpiCalculator;
const dir = mkdtempSync(join(tmpdir(), 'kpi-sem-'));
beforeAll(async () => {
  session = await DuckDbSession.open({ threads: 1 });
  await writeDatasetLake(session, catalog.objects, data, dir);
  calc = new KpiCalculator({ objects: catalog.objects, kpis: KPIS, lake: folderLake(dir), session });
});
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQL engine semantics against the reference evaluator', () => {
  it('gives the same value for every formula and period (all in one query)', async () => {
    const targets = FORMULAS.map((formula, i) => ({ name: `f${i}`, formula }));
    const got = await calc.compute(targets, PERIODS);
    const diffs: string[] = [];
    FORMULAS.forEach((formula, i) => {
      PERIODS.forEach((p, j) => {
        const want = calc.formulas.evaluate(formula, data, p).value;
        const value = got.get(`f${i}`)![j]!;
        if (!sameValue(value, want))
          diffs.push(`${formula} @ ${p.start}..${p.end}: sql ${value}, reference ${want}`);
      });
    });
    expect(diffs).toEqual([]);
  });

  it('reads the days a period covers, shifted as the language defines', async () => {
    // March 2024: previous period is February (29 days, plus the 1000 at its last millisecond).
    const march = calendarPeriods('month', '2024-03-01', 1);
    const got = await calc.compute(
      [
        { name: 'march', formula: 'sum(Invoice.amount)' },
        { name: 'feb', formula: 'previous_period(sum(Invoice.amount))' },
        { name: 'lyFeb29', formula: 'same_period_last_year(count(Invoice))' },
      ],
      [...march, { start: '2024-02-29', end: '2024-03-01' }],
    );
    expect(got.get('march')![0]).toBe((31 * 32) / 2 + 2000);
    expect(got.get('feb')![0]).toBe((29 * 30) / 2 + 1000);
    // 29 Feb 2024 one year earlier is [28 Feb 2023, 1 Mar 2023): one day.
    expect(got.get('lyFeb29')![1]).toBe(1);
  });

  it('reads an average per month as one aggregate, alone or beside a year to date of it', async () => {
    // Months only: every window is one bucket, so an avg is read as it is; the year to date
    // needs the sum and count of the same avg, which the monthly value then shares. The months
    // run past the data (empty months: no value) and the dated nulls test the column itself.
    const months = calendarPeriods('month', '2021-10-01', 44);
    const formulas = [
      'avg(Invoice.paidAmount)',
      "avg(Invoice.amount where status = 'paid')",
      "year_to_date(avg(Invoice.amount where status = 'paid'))",
      'previous_period(avg(hours_between(Invoice.issuedAt, Invoice.paidAt)))',
      'avg(Invoice.paidAmount where false)',
      'count(Invoice where paidAt is null) + count(Invoice where paidAt is not null) * 1000',
      'avg(if(Invoice.paidAt is null, 1, 0))',
    ];
    const got = await calc.compute(
      formulas.map((formula, i) => ({ name: `f${i}`, formula })),
      months,
    );
    const diffs: string[] = [];
    formulas.forEach((formula, i) => {
      months.forEach((p, j) => {
        const want = calc.formulas.evaluate(formula, data, p).value;
        const value = got.get(`f${i}`)![j]!;
        if (!sameValue(value, want)) diffs.push(`${formula} @ ${p.start}: sql ${value}, reference ${want}`);
      });
    });
    expect(diffs).toEqual([]);
    expect(got.get('f0')![0]).toBeNull(); // October 2021: no invoices
    const sql = await calc.sql(calc.plan([{ name: 'a', formula: formulas[0]! }], months));
    expect(sql).toMatch(/avg\(/);
  });

  it('never returns Infinity or NaN from a division by zero', async () => {
    const got = await calc.compute(
      [{ name: 'x', formula: 'sum(Invoice.amount) / (count(Invoice) - count(Invoice))' }],
      PERIODS,
    );
    expect(got.get('x')!.every((v) => v === null)).toBe(true);
  });
});
