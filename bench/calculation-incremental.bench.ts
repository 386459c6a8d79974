/**
 * The calculation app's incremental recompute after one day's records against a full recompute, in the same
 * run (issue 16): the `Calculation` use cases of functions/calculation over a local lake, with in-memory
 * result and state ports (Cosmos and Blob are not what is measured).
 *
 *   npm run bench -- calculation-incremental                 # 1,000,000 order lines + 1,000,000 shipments
 *   options: --rows N (per object) --threads N --memory 1500MB --rounds N
 *
 * KPIs: every catalog KPI that reads only SalesOrderLine and Shipment (with kpi() references), for 24
 * months, 8 quarters, 3 years and the periods to date. Full: all of them. Incremental: one day of order
 * lines (rows / 730) lands as a new file 40 days back; only the KPIs reading SalesOrderLine, only the
 * periods whose windows (through previous_period, year_to_date, …) reach that day are recomputed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbSession } from '@kpi/shared/calculation/duckdb-session';
import { KpiCalculator } from '@kpi/shared/calculation/kpi-calculator';
import { PARQUET_TYPES } from '@kpi/shared/calculation/parquet-writer';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import type { LakeManifest } from '@kpi/shared/contracts/lake';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import { Calculation } from '../functions/calculation/recompute/calculation';
import { objectsOf, readsOf } from '../functions/calculation/recompute/kpi-reads';
import type { ComputedLake } from '../functions/calculation/recompute/lake-diff';

function option(name: string, fallback: number | string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : String(fallback);
}
const ROWS = Number(option('rows', 1_000_000));
const THREADS = Number(option('threads', 2));
const MEMORY = option('memory', '1500MB');
const ROUNDS = Number(option('rounds', 3));
const DAY = 86_400_000;
const NOW = new Date();
const today = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate());
const GENERATED = new Set(['SalesOrderLine', 'Shipment']);

const catalog = loadCatalog();
const objects = new Map(catalog.objects.map((o) => [o.name, o]));

/** Column expressions over `i` (row number) and `t` (a timestamp in the two years before today). */
const VALUES: Readonly<Record<string, Record<string, string>>> = {
  SalesOrderLine: {
    id: `'l' || i`,
    orderId: `'o' || (i // 3)`,
    productId: `'p' || (i % 500)`,
    orderedAt: 't',
    quantity: '1 + i % 7',
    shippedQuantity: '1 + i % 7',
    unitPrice: '10.0 + i % 90',
    discountAmount: '(i % 5) * 1.0',
    netAmount: '(10.0 + i % 90) * (1 + i % 7) - (i % 5)',
    costAmount: '(6.0 + i % 50) * (1 + i % 7)',
  },
  Shipment: {
    id: `'s' || i`,
    orderId: `'o' || i`,
    customerId: `'c' || (i % 10000)`,
    carrierId: `'k' || (i % 50)`,
    originId: `'w' || (i % 20)`,
    shippedAt: 't',
    promisedAt: 't + INTERVAL 2 DAY',
    deliveredAt: `CASE WHEN i % 13 = 0 THEN NULL ELSE t + INTERVAL (1 + i % 4) DAY END`,
    mode: `['road','rail','sea','air','parcel'][1 + i % 5]`,
    weightKg: '1.0 + i % 900',
    distanceKm: '5.0 + i % 2000',
    isInFull: 'i % 9 <> 0',
  },
};

/** `rows` records of an object to one Parquet file, every field of its model (others NULL), times from `from` over `days`. */
async function generate(
  session: DuckDbSession,
  o: DataObject,
  rows: number,
  from: number,
  days: number,
  path: string,
) {
  const cols = o.fields
    .map((f) => `CAST(${VALUES[o.name]?.[f.name] ?? 'NULL'} AS ${PARQUET_TYPES[f.type]}) AS "${f.name}"`)
    .join(', ');
  const t = `make_timestamp(CAST(${from * 1000} + (i * ${Math.floor((days * DAY * 1000) / rows)}) AS BIGINT))`;
  await session.run(
    `COPY (SELECT ${cols} FROM (SELECT range AS i, ${t} AS t FROM range(${rows}))) TO '${path}' (FORMAT parquet)`,
  );
}

function manifest(
  object: string,
  version: number,
  files: { path: string; rows: number; from: number; to: number }[],
): LakeManifest {
  return {
    id: object,
    object,
    version,
    files: files.map((f, i) => ({
      path: f.path,
      rows: f.rows,
      bytes: 0,
      writtenBy: `run-${i}`,
      writtenAt: NOW.toISOString(),
      timeRange: { from: new Date(f.from).toISOString(), to: new Date(f.to).toISOString() },
    })),
    keysUnique: true,
    rows: files.reduce((s, f) => s + f.rows, 0),
    updatedAt: NOW.toISOString(),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-calc-inc-'));
  const session = await DuckDbSession.open({ threads: THREADS, memoryLimit: MEMORY });
  try {
    const start = today - 730 * DAY;
    const files: Record<string, { path: string; rows: number; from: number; to: number }[]> = {};
    for (const name of GENERATED) {
      const path = join(dir, `${name}-0.parquet`);
      await generate(session, objects.get(name)!, ROWS, start, 730, path);
      files[name] = [{ path, rows: ROWS, from: start, to: today - 1 }];
    }
    const dayRows = Math.max(1, Math.round(ROWS / 730));
    const dayStart = today - 40 * DAY;
    const dayPath = join(dir, 'SalesOrderLine-day.parquet');
    await generate(session, objects.get('SalesOrderLine')!, dayRows, dayStart, 1, dayPath);

    // The KPIs that read only the generated objects.
    const probe = new KpiCalculator({
      objects: catalog.objects,
      kpis: new Map(catalog.kpis.map((k) => [k.id, k.formula])),
      lake: { filesOf: async () => [] },
      session,
    });
    const selected = catalog.kpis
      .filter((k) => probe.kpi(k.id) !== null)
      .filter((k) => {
        const reads = objectsOf(readsOf(k.id, (x) => probe.kpi(x)));
        return reads.length > 0 && reads.every((o) => GENERATED.has(o));
      })
      .map((k) => k.id);
    const snapshot: VerifiedSnapshot = {
      licenseId: 'bench',
      catalogVersion: 'bench',
      kpis: new Map(catalog.kpis.map((k) => [k.id, { ...(k as unknown as ClientKpi), source: 'catalog' }])),
      selected: new Set(selected),
      objects,
    };

    const full: number[] = [];
    const incremental: number[] = [];
    let fullResults = 0;
    let incResults = 0;
    let incKpis = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const manifests = new Map([...GENERATED].map((n) => [n, manifest(n, 1, files[n]!)]));
      const state = new Map<string, ComputedLake>();
      let seq = 0;
      const calc = new Calculation({
        snapshots: { current: async () => snapshot },
        lake: {
          manifests: async (names) =>
            new Map(names.flatMap((n) => (manifests.has(n) ? [[n, manifests.get(n)!]] : []))),
          localFiles: async (m) => m.files.map((f) => f.path),
        },
        results: { nextSeq: async () => ++seq, write: async () => {} },
        lakeState: { get: async (o) => state.get(o), put: async (s) => void state.set(s.object, s) },
        session: async () => session,
        clock: () => NOW,
      });
      let t = performance.now();
      const f = await calc.full();
      full.push(performance.now() - t);
      fullResults = f.results;
      manifests.set(
        'SalesOrderLine',
        manifest('SalesOrderLine', 2, [
          ...files.SalesOrderLine!,
          { path: dayPath, rows: dayRows, from: dayStart, to: dayStart + DAY - 1 },
        ]),
      );
      t = performance.now();
      const inc = await calc.lakeChanged('SalesOrderLine');
      incremental.push(performance.now() - t);
      incResults = inc.results;
      incKpis = inc.kpis;
      if (f.errors || inc.errors) console.log(`errors: full ${f.errors}, incremental ${inc.errors}`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const rss = Math.round(process.memoryUsage().rss / 1e6);
    console.log(
      `calculation-incremental: ${ROWS.toLocaleString()} rows per object, ${selected.length} KPIs, median of ${ROUNDS}`,
    );
    console.log(`  full recompute (baseline):   ${median(full).toFixed(0)} ms  (${fullResults} results)`);
    console.log(
      `  incremental, one day (${dayRows} lines): ${median(incremental).toFixed(0)} ms  (${incKpis} KPIs, ${incResults} results)`,
    );
    console.log(
      `  factor: incremental takes ${(median(incremental) / median(full)).toFixed(2)}× the full recompute; RSS ${rss} MB`,
    );
  } finally {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
