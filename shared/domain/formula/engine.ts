import type { DataObject } from '../catalog/types';
import { type Expr, walk } from './ast';
import { type Analysis, type CheckedType, typeCheck } from './checker';
import { type Diagnostic, diagnostic } from './diagnostics';
import { type CompiledFormula, compileChecked, type Dataset, evaluateCompiled } from './evaluate';
import { indexModel, type ModelIndex, type ValueType } from './model';
import { parseFormula } from './parser';
import type { Period, PeriodMs } from './period';
import { deriveRequirements, mergeRequirements, type Requirements } from './requirements';

export interface CheckResult {
  readonly ok: boolean;
  readonly ast: Expr | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly type: CheckedType | null;
  /** Objects, fields, joins and KPIs needed, including those of referenced KPIs (when ok). */
  readonly requirements: Requirements | null;
  readonly analysis: Analysis | null;
}

export interface EngineCheckOptions {
  /** Id of the KPI whose formula this is: references back to it are cycles. */
  readonly selfId?: string;
  /** Required result type (default `number`; null accepts any). */
  readonly expect?: ValueType | null;
}

/**
 * Parses, checks, compiles and evaluates formulas against one object model and one set of KPI
 * definitions (for derived KPIs). Caches per-KPI work, so build one per catalog version.
 */
export class FormulaEngine {
  readonly model: ModelIndex;
  private readonly kpis: ReadonlyMap<string, string>;
  private readonly kpiIds: ReadonlySet<string>;
  private readonly depsCache = new Map<string, readonly string[]>();
  private readonly compiledCache = new Map<string, CompiledFormula | null>();
  private readonly requirementsCache = new Map<string, Requirements | null>();

  /** @param kpis KPI id → formula, the KPIs that kpi('...') may reference. */
  constructor(objects: readonly DataObject[], kpis: ReadonlyMap<string, string> = new Map()) {
    this.model = indexModel(objects);
    this.kpis = kpis;
    this.kpiIds = new Set(kpis.keys());
  }

  /** Parses, type-checks, checks KPI references for cycles and derives requirements. Never throws. */
  check(source: string, options: EngineCheckOptions = {}): CheckResult {
    const parsed = parseFormula(source);
    if (!parsed.ast) {
      return {
        ok: false,
        ast: null,
        diagnostics: parsed.diagnostics,
        type: null,
        requirements: null,
        analysis: null,
      };
    }
    const checked = typeCheck(source, parsed.ast, this.model, {
      expect: options.expect,
      kpiIds: this.kpiIds,
    });
    const diagnostics = [...checked.diagnostics];
    for (const ref of checked.analysis.kpiRefs) {
      const cycle = this.cycleThrough(
        ref.id,
        options.selfId,
        checked.analysis.kpiRefs.map((r) => r.id),
      );
      if (cycle) {
        diagnostics.push(
          diagnostic(
            source,
            'FORMULA.KPI_CYCLE',
            `KPI references form a cycle: ${cycle.join(' → ')}`,
            ref.span.offset,
            ref.span.length,
          ),
        );
      }
    }
    const ok = diagnostics.length === 0;
    // Requirements are derived on first access: most checks (live diagnostics) never read them.
    let requirements: Requirements | null | undefined;
    const derive = (): Requirements | null => {
      if (!ok) return null;
      const own = deriveRequirements(checked.analysis);
      const deps = own.kpis.map((id) => this.requirementsOf(id)).filter((r): r is Requirements => r !== null);
      return deps.length ? mergeRequirements([own, ...deps]) : own;
    };
    return {
      ok,
      ast: parsed.ast,
      diagnostics,
      type: checked.type,
      get requirements() {
        if (requirements === undefined) requirements = derive();
        return requirements;
      },
      analysis: checked.analysis,
    };
  }

  /** Compiles a formula, or returns its diagnostics. */
  compile(
    source: string,
    options: EngineCheckOptions = {},
  ): { compiled: CompiledFormula | null; diagnostics: readonly Diagnostic[] } {
    const r = this.check(source, options);
    if (!r.ok || !r.ast || !r.analysis) return { compiled: null, diagnostics: r.diagnostics };
    return { compiled: compileChecked(source, r.ast, r.analysis), diagnostics: [] };
  }

  /** The compiled formula of a catalog KPI (cached), or null when it does not check. */
  compileKpi(id: string): CompiledFormula | null {
    if (this.compiledCache.has(id)) return this.compiledCache.get(id)!;
    const source = this.kpis.get(id);
    const compiled = source === undefined ? null : this.compile(source, { selfId: id }).compiled;
    this.compiledCache.set(id, compiled);
    return compiled;
  }

  /** Requirements of a catalog KPI including its derived-KPI dependencies (cached). */
  requirementsOf(id: string): Requirements | null {
    if (this.requirementsCache.has(id)) return this.requirementsCache.get(id)!;
    this.requirementsCache.set(id, null); // guards against cycles while computing
    const source = this.kpis.get(id);
    const r = source === undefined ? null : this.check(source, { selfId: id }).requirements;
    this.requirementsCache.set(id, r);
    return r;
  }

  /** Evaluates a formula (source or compiled) for a period. `value` is null for "no value". */
  evaluate(
    formula: string | CompiledFormula,
    data: Dataset,
    period: Period | PeriodMs,
  ): { value: number | null; diagnostics: readonly Diagnostic[] } {
    let compiled: CompiledFormula | null;
    if (typeof formula === 'string') {
      const c = this.compile(formula);
      if (!c.compiled) return { value: null, diagnostics: c.diagnostics };
      compiled = c.compiled;
    } else compiled = formula;
    const value = evaluateCompiled(compiled, {
      data,
      period,
      resolveKpi: (id) => this.compileKpi(id) ?? undefined,
    });
    return { value, diagnostics: [] };
  }

  /** KPI ids a catalog KPI references directly (parse only). */
  dependencies(id: string): readonly string[] {
    const hit = this.depsCache.get(id);
    if (hit) return hit;
    const source = this.kpis.get(id);
    const deps = source === undefined ? [] : kpiReferences(source);
    this.depsCache.set(id, deps);
    return deps;
  }

  /**
   * A cycle reachable from `start` (as a path of ids), when the formula being checked belongs to
   * `selfId` with direct references `selfDeps`; null when there is none.
   */
  private cycleThrough(
    start: string,
    selfId: string | undefined,
    selfDeps: readonly string[],
  ): string[] | null {
    const deps = (id: string) => (id === selfId ? selfDeps : this.dependencies(id));
    const path: string[] = selfId ? [selfId] : [];
    const onPath = new Set(path);
    const done = new Set<string>();
    const visit = (id: string): string[] | null => {
      if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id];
      if (done.has(id)) return null;
      path.push(id);
      onPath.add(id);
      for (const d of deps(id)) {
        const c = visit(d);
        if (c) return c;
      }
      path.pop();
      onPath.delete(id);
      done.add(id);
      return null;
    };
    return visit(start);
  }
}

/** The ids referenced with kpi('...') in a formula (parse only; [] when it does not parse). */
export function kpiReferences(source: string): string[] {
  const { ast } = parseFormula(source);
  if (!ast) return [];
  const ids: string[] = [];
  walk(ast, (n) => {
    if (n.kind === 'call' && n.callee.name === 'kpi' && n.args[0]?.kind === 'string')
      ids.push(n.args[0].value);
  });
  return ids;
}

/** All reference cycles among a set of KPIs (each cycle once, as a path that ends where it starts). */
export function findKpiCycles(kpis: ReadonlyMap<string, string>): string[][] {
  const deps = new Map([...kpis].map(([id, f]) => [id, kpiReferences(f)]));
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const visit = (id: string) => {
    const s = state.get(id);
    if (s === 2) return;
    if (s === 1) {
      cycles.push([...path.slice(path.indexOf(id)), id]);
      return;
    }
    state.set(id, 1);
    path.push(id);
    for (const d of deps.get(id) ?? []) visit(d);
    path.pop();
    state.set(id, 2);
  };
  for (const id of kpis.keys()) visit(id);
  return cycles;
}

/** One-shot check of a formula against an object model (no KPI references allowed to resolve). */
export function checkFormula(
  source: string,
  objects: readonly DataObject[],
  kpis?: ReadonlyMap<string, string>,
): CheckResult {
  return new FormulaEngine(objects, kpis).check(source);
}
