import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbSession } from '@kpi/shared/calculation/duckdb-session';
import { writeRecordsToParquet } from '@kpi/shared/calculation/parquet-writer';
import { sameValue } from '@kpi/shared/calculation/sample-lake';
import type { KpiResult } from '@kpi/shared/contracts/calculation';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import type { LakeManifest } from '@kpi/shared/contracts/lake';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calculation, type LakeSource } from './calculation';
import { reaches, readsOf } from './kpi-reads';
import type { ComputedLake } from './lake-diff';
import { resultPeriods } from './result-periods';

const catalog = loadCatalog();
const objects = new Map(catalog.objects.map((o) => [o.name, o]));
const SELECTED = ['gross-margin', 'revenue-growth', 'otif-rate'];
const NOW = new Date('2025-07-15T10:00:00Z');
const DAY = 86_400_000;

function clientKpi(id: string): ClientKpi {
  const k = catalog.kpis.find((x) => x.id === id)!;
  return {
    ...(k as unknown as ClientKpi),
    source: 'catalog',
    requirements: { objects: [], relationships: [], kpis: [] },
  };
}

const snapshot: VerifiedSnapshot = {
  licenseId: 'lic-1',
  catalogVersion: 'v1',
  kpis: new Map([...SELECTED, 'net-revenue'].map((id) => [id, clientKpi(id)])),
  selected: new Set(SELECTED),
  objects: new Map(['SalesOrderLine', 'Shipment'].map((n) => [n, objects.get(n)!])),
};

/** One line a day from 2024-01-01 to 2025-07-14, net = day of month, cost = 60 % of it. */
const lines = (from: number, to: number, prefix: string) =>
  Array.from({ length: Math.round((to - from) / DAY) }, (_, i) => {
    const t = from + i * DAY;
    const net = new Date(t).getUTCDate();
    return {
      id: `${prefix}${i}`,
      orderId: 'o',
      productId: 'p',
      orderedAt: t,
      quantity: 1,
      netAmount: net,
      costAmount: net * 0.6,
    };
  });
const shipments = (from: number, to: number, prefix: string) =>
  Array.from({ length: Math.round((to - from) / DAY) }, (_, i) => {
    const t = from + i * DAY;
    return {
      id: `${prefix}${i}`,
      customerId: 'c',
      carrierId: 'k',
      originId: 's',
      shippedAt: t,
      promisedAt: t + 2 * DAY,
      deliveredAt: t + (i % 3 === 0 ? 3 : 1) * DAY,
      isInFull: i % 5 !== 0,
    };
  });

let dir: string;
let session: DuckDbSession;
const manifests = new Map<string, LakeManifest>();
const state = new Map<string, ComputedLake>();
const written: KpiResult[][] = [];
const data: Record<string, Record<string, unknown>[]> = { SalesOrderLine: [], Shipment: [] };

async function addFile(object: string, records: Record<string, unknown>[], n: number, garbage = false) {
  const path = join(dir, `${object}-${n}.parquet`);
  if (garbage) writeFileSync(path, 'not parquet');
  else await writeRecordsToParquet(session, objects.get(object) as DataObject, records, path);
  const time = objects.get(object)!.timeField!;
  const times = records.map((r) => r[time] as number);
  const prev = manifests.get(object);
  manifests.set(object, {
    id: object,
    object,
    version: (prev?.version ?? 0) + 1,
    files: [
      ...(prev?.files ?? []),
      {
        path,
        rows: garbage ? 1 : records.length,
        bytes: 1,
        writtenBy: `run-${n}`,
        writtenAt: NOW.toISOString(),
        ...(times.length
          ? {
              timeRange: {
                from: new Date(Math.min(...times)).toISOString(),
                to: new Date(Math.max(...times)).toISOString(),
              },
            }
          : {}),
      },
    ],
    keysUnique: true,
    rows: 0,
    updatedAt: NOW.toISOString(),
  });
  if (!garbage) data[object]!.push(...records);
}

const lake: LakeSource = {
  manifests: async (names) =>
    new Map(names.flatMap((n) => (manifests.has(n) ? [[n, manifests.get(n)!]] : []))),
  localFiles: async (m) => m.files.map((f) => f.path),
};

let calc: Calculation;
let seq = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'calc-unit-'));
  session = await DuckDbSession.open({ threads: 1 });
  await addFile('SalesOrderLine', lines(Date.UTC(2023, 0, 1), Date.UTC(2025, 6, 15), 'l'), 1);
  await addFile('Shipment', shipments(Date.UTC(2023, 0, 1), Date.UTC(2025, 6, 15), 's'), 1);
  calc = new Calculation({
    snapshots: { current: async () => snapshot },
    lake,
    results: { nextSeq: async () => ++seq, write: async (r) => void written.push([...r]) },
    lakeState: { get: async (o) => state.get(o), put: async (s) => void state.set(s.object, s) },
    session: async () => session,
    clock: () => NOW,
  });
}, 60_000);

afterAll(() => {
  session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('what a KPI reads', () => {
  const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
  const resolve = (id: string) => {
    const r = engine.check(catalog.kpis.find((k) => k.id === id)!.formula, { selfId: id });
    return r.ok && r.ast && r.analysis ? { ast: r.ast, analysis: r.analysis } : null;
  };

  it('follows kpi() references under the period functions they are called in', () => {
    const reads = readsOf('revenue-growth', resolve);
    expect(reads.map((r) => `${r.object}:${r.transforms.join('>')}:${r.timed}`).sort()).toEqual([
      'SalesOrderLine::true',
      'SalesOrderLine:previous_period:true',
    ]);
  });

  it('a change in March reaches March and, through previous_period, April; the quarters Q1 and Q2; the year', () => {
    const reads = readsOf('revenue-growth', resolve);
    const march = [{ from: Date.UTC(2025, 2, 10), to: Date.UTC(2025, 2, 11) }];
    const reached = resultPeriods(NOW)
      .filter((p) => reaches(reads, 'SalesOrderLine', march, p))
      .map((p) => p.key);
    expect(reached).toEqual(['2025-03', '2025-04', '2025-Q1', '2025-Q2', '2025']);
    expect(resultPeriods(NOW).filter((p) => reaches(reads, 'Shipment', march, p))).toEqual([]);
  });

  it('year_to_date reaches every later period of the year', () => {
    const reads = [{ object: 'X', transforms: ['year_to_date' as const], timed: true }];
    const feb = [{ from: Date.UTC(2025, 1, 3), to: Date.UTC(2025, 1, 3) }];
    const keys = resultPeriods(NOW, ['month'])
      .filter((p) => reaches(reads, 'X', feb, p))
      .map((p) => p.key);
    expect(keys).toEqual(['2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07']);
  });
});

describe('Calculation', () => {
  it('computes every selected KPI for 24 months, 8 quarters, 3 years and the periods to date, equal to the evaluator', async () => {
    const summary = await calc.full();
    expect(summary).toMatchObject({ kind: 'full', kpis: 3, errors: 0, results: 3 * 38 });
    const results = written.at(-1)!;
    const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
    for (const r of results.filter((x) => x.kpiId !== 'otif-rate' || x.grain === 'quarter')) {
      const expected = engine.evaluate(snapshot.kpis.get(r.kpiId)!.formula, data, {
        start: r.periodStart,
        end: r.periodEnd,
      }).value;
      expect(sameValue(r.value, expected), `${r.id}: ${r.value} vs ${expected}`).toBe(true);
    }
    const gm = results.find((r) => r.id === 'gross-margin:month:2025-03')!;
    expect(gm).toMatchObject({ status: 'good', target: 35, inputs: { SalesOrderLine: 1 } });
    expect(results.find((r) => r.id === 'otif-rate:month:2025-07')).toMatchObject({
      toDate: true,
      periodEnd: '2025-07-16',
    });
  });

  it('after one day of new lines recomputes only the KPIs and periods that read it; a second call does nothing', async () => {
    await addFile('SalesOrderLine', lines(Date.UTC(2025, 2, 10), Date.UTC(2025, 2, 11), 'm'), 2);
    const summary = await calc.lakeChanged('SalesOrderLine');
    expect(summary).toMatchObject({ kind: 'incremental', kpis: 2, errors: 0 });
    const ids = written
      .at(-1)!
      .map((r) => r.id)
      .sort();
    expect(ids).toEqual(
      [
        'gross-margin:month:2025-03',
        'gross-margin:quarter:2025-Q1',
        'gross-margin:year:2025',
        'revenue-growth:month:2025-03',
        'revenue-growth:month:2025-04',
        'revenue-growth:quarter:2025-Q1',
        'revenue-growth:quarter:2025-Q2',
        'revenue-growth:year:2025',
      ].sort(),
    );
    expect(written.at(-1)!.every((r) => r.inputs.SalesOrderLine === 2)).toBe(true);
    expect(await calc.lakeChanged('SalesOrderLine')).toMatchObject({ kind: 'skipped' });
  });

  it('a KPI whose query fails gets an error result; the others of the run compute', async () => {
    await addFile('Shipment', [], 3, true);
    const summary = await calc.full();
    expect(summary).toMatchObject({ kind: 'full', errors: 1 });
    const results = written.at(-1)!;
    const otif = results.filter((r) => r.kpiId === 'otif-rate');
    expect(
      otif.every((r) => r.status === 'error' && r.value === null && r.error?.code === 'CALC.RUN_FAILED'),
    ).toBe(true);
    expect(results.find((r) => r.id === 'gross-margin:month:2025-03')?.status).toBe('good');
  });
});
