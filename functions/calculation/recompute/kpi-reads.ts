/**
 * What a KPI reads from the lake, and through which period shifts: each aggregation's object read under the
 * chain of period functions around it (`previous_period`, `year_to_date`, `same_period_last_year`,
 * `to_date`), following `kpi()` references with the chain they are called under. From this the incremental
 * recompute knows which KPIs a change of an object reaches, and which of their periods.
 */
import type { Expr } from '@kpi/shared/domain/formula/ast';
import type { Analysis } from '@kpi/shared/domain/formula/checker';
import {
  type PeriodMs,
  previousPeriod,
  samePeriodLastYear,
  toDate,
  yearToDate,
} from '@kpi/shared/domain/formula/period';

/** A checked formula (`FormulaEngine.check` → ast + analysis; `KpiCalculator.kpi(id)`). */
export interface Checked {
  readonly ast: Expr;
  readonly analysis: Analysis;
}

export type PeriodTransform = 'previous_period' | 'year_to_date' | 'same_period_last_year' | 'to_date';

/** The formula domain's own period functions: the windows shift here exactly as the evaluator shifts them. */
const TRANSFORMS: Readonly<Record<PeriodTransform, (p: PeriodMs) => PeriodMs>> = {
  previous_period: previousPeriod,
  year_to_date: yearToDate,
  same_period_last_year: samePeriodLastYear,
  to_date: toDate,
};

/** One object read: its records in the shifted window when `timed`, else all of them (master data, joins). */
export interface Read {
  readonly object: string;
  /** Outermost first, as the evaluator applies them to the evaluated period. */
  readonly transforms: readonly PeriodTransform[];
  readonly timed: boolean;
}

/** Every read of a KPI (deduplicated). `resolve` gives a KPI's checked formula, null when it has none. */
export function readsOf(kpiId: string, resolve: (id: string) => Checked | null): Read[] {
  const out = new Map<string, Read>();
  const add = (r: Read) => out.set(`${r.object}|${r.timed}|${r.transforms.join('>')}`, r);
  const visit = (node: Expr, f: Checked, chain: readonly PeriodTransform[], depth: number): void => {
    if (depth > 64) return; // the checker refuses kpi() cycles; this only bounds a malformed snapshot
    switch (node.kind) {
      case 'aggregate': {
        const info = f.analysis.aggregates.get(node);
        if (info) add({ object: info.def.name, transforms: chain, timed: info.def.timeField !== undefined });
        // Objects reached through relationships are read whole: any change of them reaches every window.
        for (const part of [node.arg, node.where, node.rank]) {
          if (part)
            collectJoins(part, f.analysis, (object) => add({ object, transforms: chain, timed: false }));
        }
        return;
      }
      case 'call': {
        const name = node.callee.name;
        if (name in TRANSFORMS) {
          if (node.args[0]) visit(node.args[0], f, [...chain, name as PeriodTransform], depth + 1);
          return;
        }
        if (name === 'kpi') {
          const arg = node.args[0];
          const target = arg?.kind === 'string' ? resolve(arg.value) : null;
          if (target) visit(target.ast, target, chain, depth + 1);
          return;
        }
        for (const a of node.args) visit(a, f, chain, depth);
        return;
      }
      case 'unary':
      case 'is-null':
        visit(node.operand, f, chain, depth);
        return;
      case 'binary':
        visit(node.left, f, chain, depth);
        visit(node.right, f, chain, depth);
        return;
      case 'in':
        visit(node.operand, f, chain, depth);
        for (const i of node.items) visit(i, f, chain, depth);
        return;
      default:
        return;
    }
  };
  const root = resolve(kpiId);
  if (root) visit(root.ast, root, [], 0);
  return [...out.values()];
}

function collectJoins(node: Expr, analysis: Analysis, found: (object: string) => void): void {
  const stack: Expr[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'ref') for (const hop of analysis.refs.get(n)?.hops ?? []) found(hop.to.def.name);
    else if (n.kind === 'unary' || n.kind === 'is-null') stack.push(n.operand);
    else if (n.kind === 'binary') stack.push(n.left, n.right);
    else if (n.kind === 'in') stack.push(n.operand, ...n.items);
    else if (n.kind === 'call') stack.push(...n.args);
    else if (n.kind === 'aggregate')
      stack.push(n.arg, ...(n.where ? [n.where] : []), ...(n.rank ? [n.rank] : []));
  }
}

/** The objects a KPI reads (the inputs whose manifest versions its results name). */
export const objectsOf = (reads: readonly Read[]): string[] =>
  [...new Set(reads.map((r) => r.object))].sort();

/** A closed range of record times `[from, to]` (epoch ms) a lake change touched, or every record. */
export type Touched = 'all' | readonly { readonly from: number; readonly to: number }[];

/** The window a read looks at for an evaluated period (NaN bounds when shifted out of the date range). */
export function windowOf(read: Read, period: PeriodMs): PeriodMs {
  return read.transforms.reduce((w, t) => TRANSFORMS[t](w), period);
}

/**
 * True when a change of `object` touching `touched` can change the KPI's value for `period`: one of its
 * reads of that object is untimed, or its shifted window `[s, e)` meets a touched range.
 */
export function reaches(reads: readonly Read[], object: string, touched: Touched, period: PeriodMs): boolean {
  return reads.some((r) => {
    if (r.object !== object) return false;
    if (!r.timed || touched === 'all') return true;
    const w = windowOf(r, period);
    return touched.some((t) => w.start <= t.to && t.from < w.end);
  });
}
