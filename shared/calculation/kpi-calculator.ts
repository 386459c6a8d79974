import type { DataObject } from '../domain/catalog/types';
import { FormulaEngine } from '../domain/formula/engine';
import { type Period, type PeriodMs, toPeriodMs } from '../domain/formula/period';
import { resolveDimension } from './dimension';
import type { DuckDbSession } from './duckdb-session';
import type { LakeFiles } from './lake-files.port';
import { PARQUET_TYPES } from './parquet-writer';
import { duckDbDialect, type SqlDialect } from './sql/dialect';
import { type CheckedFormula, QueryPlan, type Split, splitValue } from './sql/query-plan';

/** A formula to compute: a catalog KPI (`kpi`) or a formula text (`formula`). */
export type Target = { readonly kpi: string } | { readonly name: string; readonly formula: string };

/** A formula that does not check; nothing is computed. */
export class FormulaNotComputableError extends Error {
  readonly code = 'CALC.FORMULA_INVALID';
}

/** Values per target, one per period (in the order given); null = no value. */
export type PeriodValues = ReadonlyMap<string, readonly (number | null)[]>;

/** One group of a breakdown: a dimension value, or the "other" bucket of the groups beyond the cap. */
export interface BreakdownGroup {
  readonly value: string | number | boolean | null;
  readonly other: boolean;
  /** Base-object records of the group in the evaluated periods (the order of the groups). */
  readonly records: number;
  readonly values: PeriodValues;
}

export interface CalculatorOptions {
  readonly objects: readonly DataObject[];
  /** KPI id → formula: the KPIs that can be computed and referenced with kpi('...'). */
  readonly kpis: ReadonlyMap<string, string>;
  readonly lake: LakeFiles;
  readonly session: DuckDbSession;
  readonly dialect?: SqlDialect;
}

/**
 * Computes KPI formulas with SQL over the lake's Parquet: all periods and all requested KPIs in
 * one query. Equal to the reference evaluator (`shared/domain/formula`) by construction and by
 * the differential tests beside it.
 */
export class KpiCalculator {
  readonly formulas: FormulaEngine;
  private readonly d: SqlDialect;
  private readonly objects: ReadonlyMap<string, DataObject>;
  private readonly checked = new Map<string, CheckedFormula | null>();

  constructor(private readonly options: CalculatorOptions) {
    this.formulas = new FormulaEngine(options.objects, options.kpis);
    this.d = options.dialect ?? duckDbDialect;
    this.objects = new Map(options.objects.map((o) => [o.name, o]));
  }

  /** The checked formula of a catalog KPI (cached), or null when it has none or it does not check. */
  kpi(id: string): CheckedFormula | null {
    if (this.checked.has(id)) return this.checked.get(id)!;
    const source = this.options.kpis.get(id);
    const r = source === undefined ? null : this.formulas.check(source, { selfId: id });
    const f = r?.ok && r.ast && r.analysis ? { ast: r.ast, analysis: r.analysis } : null;
    this.checked.set(id, f);
    return f;
  }

  private target(t: Target): { name: string; formula: CheckedFormula } {
    if ('kpi' in t) {
      const f = this.kpi(t.kpi);
      if (!f) throw new FormulaNotComputableError(`KPI '${t.kpi}' is unknown or its formula does not check`);
      return { name: t.kpi, formula: f };
    }
    const r = this.formulas.check(t.formula);
    if (!r.ok || !r.ast || !r.analysis) {
      throw new FormulaNotComputableError(
        `${t.name}: ${r.diagnostics.map((x) => `${x.code} ${x.message}`).join('; ')}`,
      );
    }
    return { name: t.name, formula: { ast: r.ast, analysis: r.analysis } };
  }

  /** Builds the plan for targets over periods (pure: no I/O). */
  plan(
    targets: readonly Target[],
    periods: readonly (Period | PeriodMs)[],
    split: Split | null = null,
  ): QueryPlan {
    const plan = new QueryPlan(this.d, this.objects, periods.map(toPeriodMs), (id) => this.kpi(id), split);
    for (const t of targets) {
      const { name, formula } = this.target(t);
      plan.add(name, formula);
    }
    return plan;
  }

  /** The SQL of a plan over the lake's current files. */
  async sql(plan: QueryPlan): Promise<string> {
    const relations = new Map<string, string>();
    for (const name of plan.objects) relations.set(name, await this.relation(name));
    return plan.render((o) => relations.get(o)!);
  }

  private async relation(object: string): Promise<string> {
    const def = this.objects.get(object)!;
    const files = await this.options.lake.filesOf(object);
    return this.d.readParquet(
      files,
      def.fields.map((f) => [f.name, PARQUET_TYPES[f.type]] as const),
    );
  }

  /** Values of the targets for each period (one query). */
  async compute(targets: readonly Target[], periods: readonly (Period | PeriodMs)[]): Promise<PeriodValues> {
    const plan = this.plan(targets, periods);
    const rows = await this.options.session.query(await this.sql(plan));
    return collect(plan.columns, rows, periods.length, () => true);
  }

  /**
   * Values split by a dimension (`Object.rel.field`): the aggregations over the dimension's object
   * see only the records of a group; other objects are not split. The `maxGroups` groups with the
   * most records in the periods are kept, the rest form one "other" group.
   */
  async breakdown(
    targets: readonly Target[],
    dimension: string,
    periods: readonly (Period | PeriodMs)[],
    maxGroups = 10,
  ): Promise<BreakdownGroup[]> {
    const dim = resolveDimension(dimension, this.objects);
    const top = await this.topGroups(dim, periods.map(toPeriodMs), maxGroups);
    const d = this.d;
    const literal = (v: string | number | boolean) =>
      typeof v === 'string'
        ? d.stringLiteral(v)
        : typeof v === 'number'
          ? d.doubleLiteral(v)
          : d.booleanLiteral(v);
    const other = top.values.length;
    const split: Split = {
      object: dim.object.name,
      hops: dim.hops,
      field: dim.field,
      groups: top.values.length + (top.hasOther ? 1 : 0),
      groupSql: (value) => {
        const cases = top.values.map((g, i) =>
          g.value === null
            ? `WHEN ${value.text} IS NULL THEN ${i}`
            : `WHEN ${value.text} = ${literal(g.value)} THEN ${i}`,
        );
        return `(CASE ${cases.join(' ')} ELSE ${other} END)`;
      },
    };
    const plan = this.plan(targets, periods, split);
    const rows = await this.options.session.query(await this.sql(plan));
    const groups: BreakdownGroup[] = top.values.map((g, i) => ({
      value: g.value,
      other: false,
      records: g.records,
      values: collect(plan.columns, rows, periods.length, (r) => Number(r.g) === i),
    }));
    if (top.hasOther)
      groups.push({
        value: null,
        other: true,
        records: top.otherRecords,
        values: collect(plan.columns, rows, periods.length, (r) => Number(r.g) === other),
      });
    return groups;
  }

  private async topGroups(
    dim: ReturnType<typeof resolveDimension>,
    periods: readonly PeriodMs[],
    maxGroups: number,
  ) {
    const d = this.d;
    const q = d.quoteIdent;
    let alias = 'o';
    const joins: string[] = [];
    for (const [i, rel] of dim.hops.entries()) {
      const target = await this.relation(rel.target);
      joins.push(
        `LEFT JOIN ${d.onePerKey(target, rel.targetKey)} AS j${i} ON j${i}.${q(rel.targetKey)} = ${alias}.${q(rel.foreignKey)}`,
      );
      alias = `j${i}`;
    }
    const value = splitValue(d, `${alias}.${q(dim.field.name)}`, dim.field);
    const time = dim.object.timeField;
    const inPeriods = time
      ? periods
          .map(
            (p) =>
              `(o.${q(time)} >= ${d.timestampOfMs(d.doubleLiteral(p.start))} AND o.${q(time)} < ${d.timestampOfMs(d.doubleLiteral(p.end))})`,
          )
          .join(' OR ')
      : 'TRUE';
    const sql = [
      `SELECT ${value.type === 'temporal' ? d.toDouble(value.text) : value.text} AS v, count(*) AS n`,
      `FROM ${await this.relation(dim.object.name)} AS o`,
      ...joins,
      `WHERE ${inPeriods}`,
      'GROUP BY v ORDER BY n DESC, v ASC NULLS LAST',
    ].join('\n');
    const rows = await this.options.session.query(sql);
    const all = rows.map((r) => ({ value: jsValue(r.v), records: Number(r.n) }));
    const values = all.slice(0, maxGroups);
    const rest = all.slice(maxGroups);
    return { values, hasOther: rest.length > 0, otherRecords: rest.reduce((s, r) => s + r.records, 0) };
  }
}

function jsValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new Error(`CALC.INTERNAL: unexpected dimension value ${String(v)}`);
}

function collect(
  names: readonly string[],
  rows: readonly Record<string, unknown>[],
  periods: number,
  keep: (row: Record<string, unknown>) => boolean,
): PeriodValues {
  const out = new Map(names.map((n) => [n, new Array<number | null>(periods).fill(null)]));
  for (const row of rows) {
    if (!keep(row)) continue;
    const pid = Number(row.pid);
    names.forEach((n, i) => {
      const v = row[`v${i}`];
      out.get(n)![pid] = v === null || v === undefined ? null : Number(v);
    });
  }
  return out;
}
