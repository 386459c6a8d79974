/**
 * The reference evaluator on a ratio KPI over 1 million records against a plain hand-written loop computing
 * the same KPI over the same records, in the same run, on one core. The KPI is the catalog's OTIF rate:
 *   count(Shipment where deliveredAt <= promisedAt and isInFull) / count(Shipment where deliveredAt is not null) * 100
 * Records span three months (the evaluated month is the middle one), so the period filter on `shippedAt`
 * does real work; 8 % are undelivered (null). The compiled formula is compiled once, as the calculation
 * engine would; each run scans all records. Rates are records per CPU-second (process.cpuUsage).
 * Target (issue 3): the evaluator within 3× of the hand-written loop.
 */
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import type { Dataset, Row } from '@kpi/shared/domain/formula/index';
import { monthPeriod, toPeriodMs } from '@kpi/shared/domain/formula/period';

const RECORDS = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = 7;

const catalog = loadCatalog();
const kpi = catalog.kpis.find((k) => k.id === 'otif-rate');
if (!kpi) throw new Error('otif-rate is not in the catalog');
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const compiled = engine.compileKpi('otif-rate');
if (!compiled) throw new Error('otif-rate does not compile');

interface Shipment {
  id: string;
  shippedAt: number;
  promisedAt: number;
  deliveredAt: number | null;
  isInFull: boolean;
  mode: string;
}

/** Deterministic records (a linear congruential generator), dates as epoch ms like normalizeRecords gives. */
function shipments(n: number): Shipment[] {
  let seed = 42;
  const rnd = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const start = Date.UTC(2024, 4, 1);
  const span = Date.UTC(2024, 7, 1) - start;
  const out: Shipment[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const shippedAt = start + Math.floor(rnd() * span);
    const promisedAt = shippedAt + (1 + Math.floor(rnd() * 5)) * 86_400_000;
    const delivered = rnd() > 0.08;
    out[i] = {
      id: `s${i}`,
      shippedAt,
      promisedAt,
      deliveredAt: delivered ? promisedAt + Math.floor((rnd() - 0.8) * 3 * 86_400_000) : null,
      isInFull: rnd() > 0.06,
      mode: 'road',
    };
  }
  return out;
}

/** The same KPI, written by hand. */
function handWritten(rows: readonly Shipment[], start: number, end: number): number | null {
  let onTime = 0;
  let delivered = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Shipment;
    if (r.shippedAt < start || r.shippedAt >= end) continue;
    if (r.deliveredAt === null) continue;
    delivered++;
    if (r.deliveredAt <= r.promisedAt && r.isInFull) onTime++;
  }
  return delivered === 0 ? null : (onTime / delivered) * 100;
}

const rows = shipments(RECORDS);
const data: Dataset = { Shipment: rows as unknown as readonly Row[] };
const period = monthPeriod(2024, 6);
const ms = toPeriodMs(period);

const viaEngine = () => engine.evaluate(compiled, data, period).value;
const byHand = () => handWritten(rows, ms.start, ms.end);
const a = viaEngine();
const b = byHand();
if (a === null || b === null || Math.abs(a - b) > 1e-9)
  throw new Error(`results differ: engine ${a}, hand ${b}`);
console.log(`otif-rate over ${RECORDS.toLocaleString('en')} Shipment records: ${a.toFixed(3)} % (both)`);

/** CPU milliseconds of one call. */
function cpuMs(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

for (let i = 0; i < 3; i++) {
  viaEngine();
  byHand();
}
const times = { engine: [] as number[], hand: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  times.engine.push(cpuMs(viaEngine));
  times.hand.push(cpuMs(byHand));
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
const engineMs = median(times.engine);
const handMs = median(times.hand);
const perSecond = (t: number) => Math.round(RECORDS / (t / 1000)).toLocaleString('en');
console.log(`\nmedian of ${ROUNDS} alternating runs, CPU time of one core`);
console.log(
  `hand-written loop (baseline) ${handMs.toFixed(1).padStart(8)} ms   ${perSecond(handMs).padStart(13)} records/s`,
);
console.log(
  `reference evaluator          ${engineMs.toFixed(1).padStart(8)} ms   ${perSecond(engineMs).padStart(13)} records/s`,
);
const ratio = engineMs / handMs;
console.log(
  `\nevaluator / hand-written: ${ratio.toFixed(2)}× — target within 3×: ${ratio <= 3 ? 'met' : 'NOT met'}`,
);
