/**
 * Parse + type-check of every catalog formula, on one core (this process, one thread), with the formula
 * engine the metadata service uses (one per catalog version; KPI references resolved, cycles checked).
 * Baseline in the same run: JSON.parse of the same texts as JSON string literals — a cheap pass over the same
 * characters. Also shown: check + requirements derivation (what `GET kpis/{id}` and publishing pay).
 * Rates are per CPU-second of this single-threaded process (one core), measured with process.cpuUsage.
 * Target (issue 3): at least 50,000 formulas per second.
 */
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';

const SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = 3;

const catalog = loadCatalog();
const formulas = catalog.kpis.map((k) => k.formula);
const jsonTexts = formulas.map((f) => JSON.stringify(f));
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));

/**
 * Runs `pass` (one pass over all formulas) for about `seconds` of wall time; formulas per second of this
 * process's CPU time (user + system), so that other load on a shared machine does not count against it.
 */
function rate(pass: () => number, seconds: number): number {
  let done = 0;
  const cpu = process.cpuUsage();
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) done += pass();
  const used = process.cpuUsage(cpu);
  return done / ((used.user + used.system) / 1e6);
}

let sink = 0;
const passes = {
  'JSON.parse (baseline)': () => {
    for (const t of jsonTexts) sink += (JSON.parse(t) as string).length;
    return jsonTexts.length;
  },
  'parse + type-check': () => {
    for (const f of formulas) if (engine.check(f).ok) sink++;
    return formulas.length;
  },
  '+ requirements': () => {
    for (const f of formulas) if (engine.check(f).requirements) sink++;
    return formulas.length;
  },
};
type Pass = keyof typeof passes;

const failing = formulas.filter((f) => !engine.check(f).ok);
if (failing.length) throw new Error(`${failing.length} catalog formulas do not check`);
const avgLength = formulas.reduce((a, f) => a + f.length, 0) / formulas.length;
console.log(
  `${formulas.length} catalog formulas, ${avgLength.toFixed(0)} characters on average; node ${process.version}`,
);
for (const fn of Object.values(passes)) rate(fn, 0.5); // warm-up

const results: Record<Pass, number[]> = {
  'JSON.parse (baseline)': [],
  'parse + type-check': [],
  '+ requirements': [],
};
for (let round = 1; round <= ROUNDS; round++) {
  for (const [name, fn] of Object.entries(passes) as [Pass, () => number][])
    results[name].push(rate(fn, SECONDS));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const base = median(results['JSON.parse (baseline)']);
console.log(`\nmedian of ${ROUNDS} alternating rounds of ${SECONDS} s, per CPU-second of one core`);
for (const name of Object.keys(passes) as Pass[]) {
  const r = median(results[name]);
  console.log(
    `${name.padEnd(24)} ${Math.round(r).toLocaleString('en').padStart(12)} formulas/s   ${(base / r).toFixed(1).padStart(6)}× the baseline's time`,
  );
}
const check = median(results['parse + type-check']);
console.log(
  `\ntarget ≥ 50,000 formulas/s: ${check >= 50_000 ? 'met' : 'NOT met'} (${Math.round(check).toLocaleString('en')}/s)`,
);
if (sink < 0) console.log(sink);
