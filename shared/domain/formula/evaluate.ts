import type { Aggregate, AggregateFunction, Expr } from './ast';
import type { Analysis } from './checker';
import { type Env, ExprCompiler, type Fn, LookupSlots, type Row, type Value } from './compile-expr';
import {
  type Period,
  type PeriodMs,
  previousPeriod,
  samePeriodLastYear,
  toDate,
  toPeriodMs,
  yearToDate,
} from './period';

/** Records per object name. Date and datetime fields hold epoch milliseconds (see `normalizeRecords`). */
export type Dataset = Readonly<Record<string, readonly Row[]>>;

interface AggPlan {
  readonly object: string;
  readonly timeField: string | null;
  readonly fn: AggregateFunction;
  readonly distinct: boolean;
  /** null for count(Object): counts records. */
  readonly value: Fn | null;
  readonly where: Fn | null;
  readonly rank: number;
}

/** The aggregations one period needs, grouped so that each object is scanned once. */
interface ScopePlan {
  readonly aggs: AggPlan[];
  readonly groups: { object: string; timeField: string | null; indexes: number[] }[];
  root: Fn;
}

/** A formula compiled to closures, ready to evaluate many times. */
export interface CompiledFormula {
  readonly source: string;
  /** Derived KPIs this formula reads with kpi('...'). */
  readonly kpiRefs: readonly string[];
  /** @internal */
  readonly plan: ScopePlan;
  /** @internal key maps needed for relationship navigation */
  readonly lookups: readonly { object: string; key: string }[];
}

/** Frame of a scope evaluation: the aggregation results and the shared run context. */
interface Frame {
  readonly aggs: readonly Value[];
  readonly run: Run;
}

interface Run {
  readonly data: Dataset;
  kpi(id: string, period: PeriodMs): Value;
}

/** Compiles a type-checked AST (call only when type-checking reported no diagnostics). */
export function compileChecked(source: string, ast: Expr, analysis: Analysis): CompiledFormula {
  const lookups = new LookupSlots();
  const plan = compileScope(ast, analysis, lookups);
  return { source, kpiRefs: analysis.kpiRefs.map((k) => k.id), plan, lookups: lookups.slots };
}

const TRANSFORMS: Record<string, (p: PeriodMs) => PeriodMs> = {
  previous_period: previousPeriod,
  year_to_date: yearToDate,
  same_period_last_year: samePeriodLastYear,
  to_date: toDate,
};

function compileScope(ast: Expr, analysis: Analysis, lookups: LookupSlots): ScopePlan {
  const plan: ScopePlan = { aggs: [], groups: [], root: () => null };
  const rowCompiler = new ExprCompiler(analysis, lookups, null);
  const scopeCompiler: ExprCompiler = new ExprCompiler(analysis, lookups, {
    aggregate: (e: Aggregate): Fn => {
      const obj = analysis.aggregates.get(e)!;
      const bare = e.arg.kind === 'ref' && e.arg.segments.length === 1 && !analysis.refs.has(e.arg);
      const index = plan.aggs.length;
      plan.aggs.push({
        object: obj.def.name,
        timeField: obj.def.timeField ?? null,
        fn: e.fn,
        distinct: e.distinct,
        value: bare ? null : rowCompiler.compile(e.arg),
        where: e.where ? rowCompiler.compile(e.where) : null,
        rank: e.rank && e.rank.kind === 'number' ? e.rank.value : 50,
      });
      let group = plan.groups.find((g) => g.object === obj.def.name);
      if (!group) {
        group = { object: obj.def.name, timeField: obj.def.timeField ?? null, indexes: [] };
        plan.groups.push(group);
      }
      group.indexes.push(index);
      return (f: Frame) => f.aggs[index]!;
    },
    call: (e): Fn | undefined => {
      const name = e.callee.name;
      const transform = TRANSFORMS[name];
      if (transform) {
        const inner = compileScope(e.args[0]!, analysis, lookups);
        return (f: Frame, env) => runScope(inner, transform(env), f.run, env.lookups);
      }
      if (name === 'kpi') {
        const id = (e.args[0] as { value: string }).value;
        return (f: Frame, env) => f.run.kpi(id, env);
      }
      return undefined;
    },
  });
  plan.root = scopeCompiler.compile(ast);
  return plan;
}

function runScope(plan: ScopePlan, period: PeriodMs, run: Run, lookups: Env['lookups']): Value {
  const env: Env = { start: period.start, end: period.end, lookups };
  const values: Value[] = new Array(plan.aggs.length).fill(null);
  for (const g of plan.groups) {
    const accs = g.indexes.map((i) => makeAccumulator(plan.aggs[i]!));
    scan(run.data[g.object] ?? [], g.timeField, env, accs);
    for (let k = 0; k < accs.length; k++) values[g.indexes[k]!] = accs[k]!.result();
  }
  return plan.root({ aggs: values, run } satisfies Frame, env);
}

/** One pass over an object's records for all aggregations of a scope. */
function scan(rows: readonly Row[], timeField: string | null, env: Env, accs: Accumulator[]): void {
  const n = rows.length;
  const k = accs.length;
  const start = env.start;
  const end = env.end;
  if (timeField === null) {
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) accs[j]!.step(rows[i]!, env);
    return;
  }
  if (k === 1) {
    const a = accs[0]!;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      const t = r[timeField];
      if (typeof t === 'number' && t >= start && t < end) a.step(r, env);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const t = r[timeField];
    if (typeof t !== 'number' || t < start || t >= end) continue;
    for (let j = 0; j < k; j++) accs[j]!.step(r, env);
  }
}

interface Accumulator {
  step(r: Row, env: Env): void;
  result(): Value;
}

// Empty sets: count and sum give 0, the others give null ("no value"). Nulls are skipped.
class CountRows implements Accumulator {
  n = 0;
  constructor(readonly where: Fn | null) {}
  step(r: Row, env: Env) {
    if (this.where === null || this.where(r, env) === true) this.n++;
  }
  result() {
    return this.n;
  }
}

class CountValues implements Accumulator {
  n = 0;
  constructor(
    readonly value: Fn,
    readonly where: Fn | null,
  ) {}
  step(r: Row, env: Env) {
    if (this.where !== null && this.where(r, env) !== true) return;
    if (this.value(r, env) !== null) this.n++;
  }
  result() {
    return this.n;
  }
}

class CountDistinct implements Accumulator {
  readonly seen = new Set<Value>();
  constructor(
    readonly value: Fn,
    readonly where: Fn | null,
  ) {}
  step(r: Row, env: Env) {
    if (this.where !== null && this.where(r, env) !== true) return;
    const v = this.value(r, env);
    if (v !== null) this.seen.add(v);
  }
  result() {
    return this.seen.size;
  }
}

class SumAvg implements Accumulator {
  sum = 0;
  n = 0;
  constructor(
    readonly value: Fn,
    readonly where: Fn | null,
    readonly average: boolean,
  ) {}
  step(r: Row, env: Env) {
    if (this.where !== null && this.where(r, env) !== true) return;
    const v = this.value(r, env);
    if (v !== null) {
      this.sum += v as number;
      this.n++;
    }
  }
  result() {
    if (!this.average) return this.sum;
    return this.n === 0 ? null : this.sum / this.n;
  }
}

class MinMax implements Accumulator {
  best: number | null = null;
  constructor(
    readonly value: Fn,
    readonly where: Fn | null,
    readonly max: boolean,
  ) {}
  step(r: Row, env: Env) {
    if (this.where !== null && this.where(r, env) !== true) return;
    const v = this.value(r, env) as number | null;
    if (v !== null && (this.best === null || (this.max ? v > this.best : v < this.best))) this.best = v;
  }
  result() {
    return this.best;
  }
}

/** Median and percentiles: linear interpolation between closest ranks (as spreadsheet PERCENTILE.INC). */
class Percentile implements Accumulator {
  readonly values: number[] = [];
  constructor(
    readonly value: Fn,
    readonly where: Fn | null,
    readonly rank: number,
  ) {}
  step(r: Row, env: Env) {
    if (this.where !== null && this.where(r, env) !== true) return;
    const v = this.value(r, env);
    if (v !== null) this.values.push(v as number);
  }
  result() {
    const n = this.values.length;
    if (n === 0) return null;
    const sorted = Float64Array.from(this.values).sort();
    const pos = (Math.min(100, Math.max(0, this.rank)) / 100) * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  }
}

function makeAccumulator(a: AggPlan): Accumulator {
  const v = a.value;
  switch (a.fn) {
    case 'count':
      if (v === null) return new CountRows(a.where);
      return a.distinct ? new CountDistinct(v, a.where) : new CountValues(v, a.where);
    case 'sum':
      return new SumAvg(v!, a.where, false);
    case 'avg':
      return new SumAvg(v!, a.where, true);
    case 'min':
      return new MinMax(v!, a.where, false);
    case 'max':
      return new MinMax(v!, a.where, true);
    case 'median':
      return new Percentile(v!, a.where, 50);
    case 'percentile':
      return new Percentile(v!, a.where, a.rank);
  }
}

const lookupCache = new WeakMap<readonly Row[], Map<string, Map<unknown, Row>>>();

/** Key map of an object's records (cached per records array, built once). */
function keyMap(rows: readonly Row[], key: string): Map<unknown, Row> {
  let perKey = lookupCache.get(rows);
  if (!perKey) {
    perKey = new Map();
    lookupCache.set(rows, perKey);
  }
  let m = perKey.get(key);
  if (!m) {
    m = new Map();
    for (const r of rows) {
      const k = r[key];
      if (k != null) m.set(k, r);
    }
    perKey.set(key, m);
  }
  return m;
}

export interface EvaluateOptions {
  readonly data: Dataset;
  readonly period: Period | PeriodMs;
  /** Resolves kpi('id') references to compiled formulas (derived KPIs). */
  readonly resolveKpi?: (id: string) => CompiledFormula | undefined;
}

/**
 * Evaluates a compiled formula over in-memory records for a period. Returns a finite number or
 * null ("no value": division by zero, empty set, missing data, unresolved KPI). Never NaN/Infinity.
 */
export function evaluateCompiled(formula: CompiledFormula, options: EvaluateOptions): number | null {
  const period = toPeriodMs(options.period);
  const memo = new Map<string, Value>();
  const active = new Set<string>();
  const run: Run = {
    data: options.data,
    kpi(id, p) {
      const key = `${id}|${p.start}|${p.end}`;
      if (memo.has(key)) return memo.get(key)!;
      const target = options.resolveKpi?.(id);
      // A cycle is a type-check error; at run time it yields "no value" instead of recursing forever.
      if (!target || active.has(id)) return null;
      active.add(id);
      const v = evalIn(target, p, run);
      active.delete(id);
      memo.set(key, v);
      return v;
    },
  };
  return evalIn(formula, period, run);
}

function evalIn(formula: CompiledFormula, period: PeriodMs, run: Run): number | null {
  const lookups = formula.lookups.map((l) => keyMap(run.data[l.object] ?? [], l.key));
  const v = runScope(formula.plan, period, run, lookups);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
