import { describe, expect, it } from 'vitest';
import { FormulaEngine } from '../formula/engine';
import type { Dataset } from '../formula/evaluate';
import { loadCatalog } from './load-catalog';

/**
 * Catalog KPIs evaluated on small hand-made record sets whose expected values were worked out
 * by hand (the arithmetic is in each case's comment). Period: June 2024.
 */
const catalog = loadCatalog();
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const JUNE = { start: '2024-06-01', end: '2024-07-01' };
const t = (iso: string) => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}:00Z`);

const data: Dataset = {
  Shipment: [
    {
      id: 's1',
      shippedAt: t('2024-06-02'),
      promisedAt: t('2024-06-05'),
      deliveredAt: t('2024-06-04'),
      isInFull: true,
      isDamaged: false,
      hasDocumentError: false,
    },
    {
      id: 's2',
      shippedAt: t('2024-06-03'),
      promisedAt: t('2024-06-06'),
      deliveredAt: t('2024-06-08'),
      isInFull: true,
      isDamaged: false,
      hasDocumentError: false,
    },
    {
      id: 's3',
      shippedAt: t('2024-06-20'),
      promisedAt: t('2024-06-25'),
      deliveredAt: null,
      isInFull: true,
      isDamaged: false,
      hasDocumentError: false,
    },
    {
      id: 's4',
      shippedAt: t('2024-06-10'),
      promisedAt: t('2024-06-12'),
      deliveredAt: t('2024-06-11'),
      isInFull: false,
      isDamaged: false,
      hasDocumentError: false,
    },
    {
      id: 's5',
      shippedAt: t('2024-05-28'),
      promisedAt: t('2024-06-02'),
      deliveredAt: t('2024-06-01'),
      isInFull: true,
      isDamaged: false,
      hasDocumentError: false,
    },
    {
      id: 's6',
      shippedAt: t('2024-06-15'),
      promisedAt: t('2024-06-20'),
      deliveredAt: t('2024-06-19'),
      isInFull: true,
      isDamaged: true,
      hasDocumentError: false,
    },
  ],
  SalesOrderLine: [
    { id: 'l1', orderedAt: t('2024-06-05'), netAmount: 100, costAmount: 60 },
    { id: 'l2', orderedAt: t('2024-06-07'), netAmount: 200, costAmount: 150 },
    { id: 'l3', orderedAt: t('2024-05-10'), netAmount: 250, costAmount: 100 },
  ],
  SalesOrder: [
    { id: 'o1', orderedAt: t('2024-06-05'), status: 'delivered', totalAmount: 100 },
    { id: 'o2', orderedAt: t('2024-06-07'), status: 'delivered', totalAmount: 300 },
    { id: 'o3', orderedAt: t('2024-06-09'), status: 'cancelled', totalAmount: 50 },
  ],
  Invoice: [
    { id: 'i1', issuedAt: t('2024-06-03'), dueAt: t('2024-07-03'), amount: 100, paidAt: null },
    { id: 'i2', issuedAt: t('2024-06-10'), dueAt: t('2024-07-10'), amount: 300, paidAt: t('2024-06-20') },
    { id: 'i4', issuedAt: t('2024-05-15'), dueAt: t('2024-06-14'), amount: 50, paidAt: t('2024-07-05') },
  ],
  SurveyResponse: [10, 10, 9, 7, 5, null].map((npsScore, i) => ({
    id: `r${i}`,
    respondedAt: t('2024-06-10'),
    npsScore,
  })),
  Ticket: [
    {
      id: 't1',
      createdAt: t('2024-06-01T08:00'),
      resolvedAt: t('2024-06-01T12:00'),
      slaDueAt: t('2024-06-02'),
      contacts: 1,
    },
    {
      id: 't2',
      createdAt: t('2024-06-02T00:00'),
      resolvedAt: t('2024-06-02T10:00'),
      slaDueAt: t('2024-06-02T06:00'),
      contacts: 2,
    },
    {
      id: 't3',
      createdAt: t('2024-06-03T00:00'),
      resolvedAt: t('2024-06-03T01:00'),
      slaDueAt: t('2024-06-04'),
      contacts: 1,
    },
    { id: 't4', createdAt: t('2024-06-04T00:00'), resolvedAt: null, slaDueAt: t('2024-06-05'), contacts: 1 },
  ],
  WorkOrder: [
    {
      id: 'w1',
      plannedStart: t('2024-06-03'),
      plannedMinutes: 100,
      runMinutes: 80,
      producedQuantity: 150,
      goodQuantity: 135,
      scrapQuantity: 15,
      idealCycleSeconds: 30,
    },
    {
      id: 'w2',
      plannedStart: t('2024-06-04'),
      plannedMinutes: 200,
      runMinutes: 160,
      producedQuantity: 300,
      goodQuantity: 290,
      scrapQuantity: 10,
      idealCycleSeconds: 30,
    },
  ],
  DowntimeEvent: [
    { id: 'd1', startedAt: t('2024-06-05'), reason: 'breakdown', durationMinutes: 30 },
    { id: 'd2', startedAt: t('2024-06-06'), reason: 'breakdown', durationMinutes: 90 },
    { id: 'd3', startedAt: t('2024-06-07'), reason: 'changeover', durationMinutes: 20 },
  ],
  WardCensus: [
    { id: 'wc1', censusDate: t('2024-06-01'), staffedBeds: 10, occupiedBeds: 8 },
    { id: 'wc2', censusDate: t('2024-06-02'), staffedBeds: 10, occupiedBeds: 9 },
  ],
  Feeder: [
    { id: 'f1', customersServed: 100 },
    { id: 'f2', customersServed: 400 },
  ],
  Outage: [
    {
      id: 'out1',
      startedAt: t('2024-06-03'),
      customersAffected: 20,
      customerMinutes: 1000,
      isMomentary: false,
    },
    { id: 'out2', startedAt: t('2024-06-04'), customersAffected: 30, customerMinutes: 60, isMomentary: true },
  ],
  Appointment: ['completed', 'completed', 'completed', 'no_show', 'cancelled'].map((status, i) => ({
    id: `a${i}`,
    scheduledFor: t('2024-06-11'),
    status,
  })),
  LoanApplication: ['approved', 'approved', 'approved', 'declined', 'pending'].map((decision, i) => ({
    id: `la${i}`,
    submittedAt: t('2024-06-12'),
    decision,
  })),
  LoanSnapshot: [
    { id: 'ls1', snapshotDate: t('2024-06-30'), outstandingBalance: 1000, daysPastDue: 0, status: 'current' },
    {
      id: 'ls2',
      snapshotDate: t('2024-06-30'),
      outstandingBalance: 500,
      daysPastDue: 120,
      status: 'non_performing',
    },
    {
      id: 'ls3',
      snapshotDate: t('2024-06-30'),
      outstandingBalance: 300,
      daysPastDue: 200,
      status: 'written_off',
    },
  ],
  InventorySnapshot: [
    { id: 'is1', snapshotDate: t('2024-06-03'), onHandValue: 100 },
    { id: 'is2', snapshotDate: t('2024-06-03'), onHandValue: 200 },
    { id: 'is3', snapshotDate: t('2024-06-10'), onHandValue: 300 },
  ],
  Employee: [
    { id: 'e1', hiredAt: t('2020-01-01'), terminatedAt: null },
    { id: 'e2', hiredAt: t('2021-01-01'), terminatedAt: null },
    { id: 'e3', hiredAt: t('2024-06-10'), terminatedAt: null },
    { id: 'e4', hiredAt: t('2019-01-01'), terminatedAt: null },
    { id: 'e5', hiredAt: t('2018-01-01'), terminatedAt: t('2024-06-15') },
    { id: 'e6', hiredAt: t('2018-01-01'), terminatedAt: t('2024-03-01') },
  ],
  Customer: [
    { id: 'c1', createdAt: t('2020-01-01'), churnedAt: null },
    { id: 'c2', createdAt: t('2021-01-01'), churnedAt: null },
    { id: 'c3', createdAt: t('2022-01-01'), churnedAt: null },
    { id: 'c4', createdAt: t('2023-01-01'), churnedAt: t('2024-06-10') },
    { id: 'c5', createdAt: t('2022-01-01'), churnedAt: t('2024-03-01') },
    { id: 'c6', createdAt: t('2024-06-05'), churnedAt: null },
  ],
};

const cases: [kpi: string, expected: number, why: string][] = [
  [
    'on-time-delivery-rate',
    75,
    's1 s4 s6 on time of delivered s1 s2 s4 s6 (s3 undelivered, s5 shipped in May)',
  ],
  ['otif-rate', 50, 's1 s6 on time and in full, of 4 delivered'],
  ['perfect-order-rate', 25, 's6 damaged, s4 not in full, s2 late: only s1'],
  ['in-full-delivery-rate', 80, 's4 not in full, of 5 shipped in June'],
  ['average-transit-time', 3, '(2 + 5 + 1 + 4) / 4 days'],
  ['gross-margin', 30, '(300 - 210) / 300'],
  ['net-revenue', 300, '100 + 200 (l3 is May)'],
  ['revenue-growth', 20, '(300 - 250) / 250'],
  ['average-order-value', 200, '(100 + 300) / 2, cancelled o3 excluded'],
  ['order-cancellation-rate', 100 / 3, '1 of 3 orders'],
  ['open-receivables', 150, 'i1 unpaid + i4 paid only in July'],
  ['days-sales-outstanding', 11.25, '150 / 400 * 30 days'],
  ['overdue-receivables-share', 100 / 3, 'i4 (due 14 June) is 50 of 150 open'],
  ['net-promoter-score', 40, '3 promoters - 1 detractor of 5 answers'],
  ['first-contact-resolution', 200 / 3, 't1 t3 of resolved t1 t2 t3'],
  ['average-resolution-time', 5, '(4 + 10 + 1) / 3 hours'],
  ['sla-compliance', 50, 't1 t3 in time, of 3 resolved + t4 overdue'],
  ['availability', 80, '240 / 300 minutes'],
  ['performance-efficiency', 93.75, '450 units * 30 s = 225 min of 240 run'],
  ['quality-rate', (425 / 450) * 100, '425 good of 450'],
  ['oee', 0.8 * 0.9375 * (425 / 450) * 100, 'availability * performance * quality'],
  ['scrap-rate', (25 / 450) * 100, '15 + 10 scrapped of 450'],
  ['mean-time-between-failures', 2, '240 min run = 4 h over 2 breakdowns'],
  ['mean-time-to-repair', 1, '(30 + 90) / 2 minutes'],
  ['bed-occupancy-rate', 85, '17 of 20 bed days'],
  ['saidi', 2, '1000 customer minutes / 500 customers (momentary excluded)'],
  ['saifi', 0.04, '20 / 500'],
  ['caidi', 50, 'SAIDI / SAIFI'],
  ['maifi', 0.06, '30 / 500'],
  ['no-show-rate', 25, '1 no-show of 3 completed + 1 no-show'],
  ['loan-approval-rate', 75, '3 approved of 4 decided'],
  ['non-performing-loan-ratio', 100 / 3, '500 of 1500 (written-off excluded)'],
  ['inventory-value', 300, '(300 + 300) / 2 snapshot days'],
  ['inventory-turnover', (210 * 365) / 30 / 300, 'annualised COGS 210 over average inventory 300'],
  ['headcount', 4, 'e1 e2 e3 e4 on the payroll at period end'],
  ['employee-turnover-rate', 25, '1 leaver (e5) of 4'],
  ['customer-churn-rate', 25, 'c4 churned, of c1..c4 present on 1 June'],
];

describe('catalog KPIs on hand-made records', () => {
  it.each(cases)('%s = %d (%s)', (id, expected) => {
    const compiled = engine.compileKpi(id);
    expect(compiled, `${id} compiles`).not.toBeNull();
    const { value } = engine.evaluate(compiled!, data, JUNE);
    expect(value).not.toBeNull();
    expect(value!).toBeCloseTo(expected, 9);
  });

  it('covers at least 20 KPIs', () => {
    expect(new Set(cases.map(([id]) => id)).size).toBeGreaterThanOrEqual(20);
  });
});
