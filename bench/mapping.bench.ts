/**
 * The mapping module (issue 15), three figures each beside a baseline measured in the same run:
 *  1. suggestions for 200 source columns against every catalog object (target ≤ 100 ms); baseline: the
 *     exact-name matching the Config app's sample upload used before (normalised name or object prefix);
 *  2. preview of 1,000 sample rows with per-cell results (target ≤ 50 ms); baseline: a hand-written
 *     conversion of the same rows to records;
 *  3. a compiled mapping applied to 1,000,000 rows against a hand-written function doing the same
 *     conversions (target: at least 0.5× its rate). Rows are text, as from a CSV export: a pattern date in
 *     Europe/Berlin, ISO dates, grams → kg, an enum map, integers, money, a Y/N boolean; 1 % carry a bad
 *     value and go to the quarantine on both sides. 50,000 distinct rows are cycled 20 times (memory).
 * Times are CPU milliseconds of one core (process.cpuUsage), the median of alternating rounds.
 *
 * `npm run bench -- mapping [rows]`
 */
import type { Mapping, SourceColumn } from '@kpi/shared/contracts/mapping';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { compileMapping, type MappedRecord } from '@kpi/shared/domain/mapping/compile';
import { zoneOffset } from '@kpi/shared/domain/mapping/dates';
import { previewMapping } from '@kpi/shared/domain/mapping/preview';
import { suggestForObjects } from '@kpi/shared/domain/mapping/suggest';
import type { SourceRow } from '@kpi/shared/domain/mapping/transforms';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const POOL = 50_000;
const catalog = loadCatalog();
const shipment = catalog.objects.find((o) => o.name === 'Shipment') as DataObject;

function cpuMs(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
function measure(rounds: number, a: () => unknown, b: () => unknown): [number, number] {
  for (let i = 0; i < 2; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ta.push(cpuMs(a));
    tb.push(cpuMs(b));
  }
  return [median(ta), median(tb)];
}
const line = (label: string, ms: number, extra = '') =>
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms${extra}`);

let seed = 42;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;

// ---------------------------------------------------------------- 1. suggestions

/** 200 column names as exports spell them: fields of random objects, re-cased, abbreviated, prefixed; some noise. */
function sourceColumns(n: number): SourceColumn[] {
  const styles = [
    (w: string[]) => w.join('_').toUpperCase(),
    (w: string[]) => w.join('_'),
    (w: string[]) => w.map((x) => x[0]?.toUpperCase() + x.slice(1)).join(' '),
    (w: string[]) => w.join('').toLowerCase(),
  ];
  const abbreviations: Record<string, string> = {
    amount: 'amt',
    quantity: 'qty',
    number: 'no',
    customer: 'cust',
    date: 'dt',
  };
  const out: SourceColumn[] = [];
  const seen = new Set<string>();
  while (out.length < n) {
    const o = pick(catalog.objects);
    const f = pick(o.fields);
    const w = f.name
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase()
      .split(' ');
    const words =
      rnd() < 0.3 ? [o.name.toLowerCase(), ...w] : w.map((x) => (rnd() < 0.4 ? (abbreviations[x] ?? x) : x));
    const name = rnd() < 0.1 ? `misc_${out.length}` : pick(styles)(words);
    if (seen.has(name)) continue;
    seen.add(name);
    const samples =
      f.type === 'enum'
        ? (f.values ?? []).slice(0, 3)
        : f.type === 'date'
          ? ['01.03.2026', '15.04.2026']
          : f.type === 'datetime'
            ? ['2026-03-01T08:00:00Z', '2026-03-02T09:30:00Z']
            : f.type === 'boolean'
              ? ['Y', 'N']
              : f.type === 'string'
                ? ['A-100', 'B-200']
                : ['12.5', '7'];
    out.push({ name, samples });
  }
  return out;
}

/** The matching the sample upload used before: exact after normalising, or with the object name as prefix. */
function exactMatching(objects: readonly DataObject[], columns: readonly SourceColumn[]) {
  const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return objects.map((object) => {
    const fields = new Map(object.fields.map((f) => [normalise(f.name), f.name]));
    const prefix = normalise(object.name);
    const matched: { column: string; field: string }[] = [];
    for (const c of columns) {
      const n = normalise(c.name);
      const field = fields.get(n) ?? (n.startsWith(prefix) ? fields.get(n.slice(prefix.length)) : undefined);
      if (field) matched.push({ column: c.name, field });
    }
    return matched;
  });
}

const columns = sourceColumns(200);
const fieldCount = catalog.objects.reduce((n, o) => n + o.fields.length, 0);
const [suggestMs, exactMs] = measure(
  7,
  () => suggestForObjects(catalog.objects, columns),
  () => exactMatching(catalog.objects, columns),
);
console.log(`1. suggestions: 200 columns × ${catalog.objects.length} objects (${fieldCount} fields)`);
line('   exact-name matching (baseline)', exactMs);
line(
  '   suggestFields, every object',
  suggestMs,
  `   target ≤ 100 ms: ${suggestMs <= 100 ? 'met' : 'NOT met'}`,
);

// ---------------------------------------------------------------- rows

const MODES: Record<string, string> = { R: 'road', S: 'sea', A: 'air', P: 'parcel' };
const pad = (n: number) => String(n).padStart(2, '0');

function sourceRow(i: number): SourceRow {
  const t = Date.UTC(2026, 0, 1) + Math.floor(rnd() * 300 * 86_400_000);
  const d = new Date(t);
  const bad = rnd() < 0.01;
  return {
    SHIPMENT_NO: `S${i}`,
    CUSTOMER: `C${Math.floor(rnd() * 5000)}`,
    CARRIER: `K${Math.floor(rnd() * 40)}`,
    SHIPPED: bad
      ? '31.02.2026 10:00'
      : `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    PROMISED: new Date(t + 3 * 86_400_000).toISOString(),
    DELIVERED: rnd() < 0.08 ? '' : new Date(t + Math.floor(rnd() * 5 * 86_400_000)).toISOString(),
    WEIGHT_G: String(Math.floor(rnd() * 900_000)),
    UNITS: String(1 + Math.floor(rnd() * 40)),
    MODE: pick(Object.keys(MODES)),
    IN_FULL: rnd() < 0.94 ? 'Y' : 'N',
    FREIGHT: (rnd() * 900).toFixed(2),
  };
}
const pool: SourceRow[] = Array.from({ length: POOL }, (_, i) => sourceRow(i));

const mapping: Pick<Mapping, 'object' | 'fields'> = {
  object: 'Shipment',
  fields: {
    id: { column: 'SHIPMENT_NO' },
    customerId: { column: 'CUSTOMER' },
    carrierId: { column: 'CARRIER' },
    shippedAt: {
      transform: { kind: 'date', column: 'SHIPPED', format: 'dd.MM.yyyy HH:mm', timeZone: 'Europe/Berlin' },
    },
    promisedAt: { transform: { kind: 'date', column: 'PROMISED', format: 'iso' } },
    deliveredAt: { column: 'DELIVERED' },
    weightKg: { transform: { kind: 'unit', column: 'WEIGHT_G', factor: 0.001 } },
    units: { column: 'UNITS' },
    mode: { transform: { kind: 'enum', column: 'MODE', values: MODES } },
    isInFull: { column: 'IN_FULL' },
    freightCost: { column: 'FREIGHT' },
  },
};

/** The same conversions by hand: char-code date parsing, the same cached zone offsets, Date.parse for ISO. */
const berlin = zoneOffset('Europe/Berlin');
const DIM = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const num2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
function handWritten(r: SourceRow): MappedRecord | null {
  const id = r.SHIPMENT_NO as string;
  const customerId = r.CUSTOMER as string;
  const carrierId = r.CARRIER as string;
  if (!id || !customerId || !carrierId) return null;
  const s = r.SHIPPED as string;
  if (s.length !== 16) return null;
  const day = num2(s, 0);
  const month = num2(s, 3);
  const year = num2(s, 6) * 100 + num2(s, 8);
  const hour = num2(s, 11);
  const minute = num2(s, 14);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (
    !(month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : (DIM[month - 1] as number)))
  )
    return null;
  if (!(hour >= 0 && hour < 24 && minute >= 0 && minute < 60)) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let shippedAt = wall - berlin(wall);
  const o2 = berlin(shippedAt);
  if (o2 !== berlin(wall)) shippedAt = wall - o2;
  const promisedAt = Date.parse(r.PROMISED as string);
  if (Number.isNaN(promisedAt)) return null;
  const dv = r.DELIVERED as string;
  const deliveredAt = dv === '' ? null : Date.parse(dv);
  if (deliveredAt !== null && Number.isNaN(deliveredAt)) return null;
  const weightKg = Number(r.WEIGHT_G) * 0.001;
  const units = Number(r.UNITS);
  const freightCost = Number(r.FREIGHT);
  if (Number.isNaN(weightKg) || !Number.isSafeInteger(units) || Number.isNaN(freightCost)) return null;
  const mode = MODES[r.MODE as string];
  if (mode === undefined) return null;
  const f = r.IN_FULL;
  if (f !== 'Y' && f !== 'N') return null;
  return {
    id,
    customerId,
    carrierId,
    shippedAt,
    promisedAt,
    deliveredAt,
    mode,
    weightKg,
    units,
    freightCost,
    isInFull: f === 'Y',
  };
}

// ---------------------------------------------------------------- 2. preview

const sample = pool.slice(0, 1000);
const [previewMs, previewHandMs] = measure(
  15,
  () => previewMapping(mapping, shipment, sample),
  () => sample.map(handWritten),
);
console.log('\n2. preview: 1,000 sample rows, 11 mapped fields, every cell with its value or error');
line('   hand-written conversion (baseline)', previewHandMs);
line('   previewMapping', previewMs, `   target ≤ 50 ms: ${previewMs <= 50 ? 'met' : 'NOT met'}`);

// ---------------------------------------------------------------- 3. throughput

const compiled = compileMapping(mapping, shipment);
let check = { ok: 0, quarantined: 0 };
const viaMapping = () => {
  let ok = 0;
  let quarantined = 0;
  for (let i = 0; i < ROWS; i++) {
    const r = compiled.apply(pool[i % POOL] as SourceRow, i + 1);
    if ('record' in r) ok++;
    else quarantined++;
  }
  check = { ok, quarantined };
};
let handCheck = { ok: 0, quarantined: 0 };
const byHand = () => {
  let ok = 0;
  let quarantined = 0;
  for (let i = 0; i < ROWS; i++) {
    if (handWritten(pool[i % POOL] as SourceRow)) ok++;
    else quarantined++;
  }
  handCheck = { ok, quarantined };
};
// Both sides must agree on every row before their speed means anything.
for (const r of pool) {
  const a = compiled.apply(r, 0);
  const b = handWritten(r);
  if ('record' in a !== (b !== null) || ('record' in a && JSON.stringify(a.record) !== JSON.stringify(b))) {
    throw new Error(
      `mapping and hand-written disagree on ${JSON.stringify(r)}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
    );
  }
}
const [mapMs, handMs] = measure(5, viaMapping, byHand);
if (check.ok !== handCheck.ok)
  throw new Error(`counts differ: ${JSON.stringify(check)} vs ${JSON.stringify(handCheck)}`);
const rate = (ms: number) =>
  `${Math.round(ROWS / (ms / 1000))
    .toLocaleString('en')
    .padStart(12)} rows/s`;
console.log(
  `\n3. ${ROWS.toLocaleString('en')} rows through an 11-field Shipment mapping (${check.quarantined.toLocaleString('en')} quarantined on both sides)`,
);
line('   hand-written function (baseline)', handMs, `   ${rate(handMs)}`);
line('   compileMapping().apply', mapMs, `   ${rate(mapMs)}`);
const ratio = handMs / mapMs;
console.log(
  `\n   mapping / hand-written rate: ${ratio.toFixed(2)}× — target ≥ 0.5×: ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
);
