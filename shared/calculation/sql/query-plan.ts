import type { DataObject, Field, Relationship } from '../../domain/catalog/types';
import type { Aggregate, Expr } from '../../domain/formula/ast';
import type { Analysis, ResolvedRef } from '../../domain/formula/checker';
import {
  type PeriodMs,
  previousPeriod,
  samePeriodLastYear,
  toDate,
  yearToDate,
} from '../../domain/formula/period';
import type { SqlDialect } from './dialect';
import { ExprSql, type Sql } from './expr-sql';

/** A checked formula ready to compile (from `FormulaEngine.check`). */
export interface CheckedFormula {
  readonly ast: Expr;
  readonly analysis: Analysis;
}

export type PeriodTransform = 'previous_period' | 'year_to_date' | 'same_period_last_year' | 'to_date';

const TRANSFORMS: Readonly<Record<PeriodTransform, (p: PeriodMs) => PeriodMs>> = {
  previous_period: previousPeriod,
  year_to_date: yearToDate,
  same_period_last_year: samePeriodLastYear,
  to_date: toDate,
};

/** A split of one object's records into groups (breakdowns): `groupSql` maps a value to a group number. */
export interface Split {
  readonly object: string;
  readonly hops: readonly Relationship[];
  readonly field: Field;
  /** SQL giving the group number of a record, from the SQL of its dimension value. */
  readonly groupSql: (value: Sql) => string;
  readonly groups: number;
}

/**
 * A chain of period transforms from the evaluated period (outermost first), e.g.
 * previous_period(year_to_date(x)) reads x over yearToDate(previousPeriod(P)). The windows are
 * computed here with the evaluator's own period functions, so SQL and evaluator shift alike.
 */
interface Chain {
  readonly alias: string;
  readonly transforms: readonly PeriodTransform[];
}

interface Join {
  readonly alias: string;
  readonly from: string;
  readonly rel: Relationship;
}

/** Aggregations over one object and one chain: one scan, grouped by period (and split group). */
interface Group {
  readonly alias: string;
  readonly chain: Chain;
  readonly object: DataObject;
  readonly split: boolean;
  readonly joins: Map<string, Join>;
  readonly aggs: Map<string, string>;
}

/** Windows are joined to records by half-open timestamp ranges: w.s <= t < w.e. */
const W = 'w';
const O = 'o';

/**
 * Compiles KPI formulas, for many periods at once, to one SQL query: one scan per object and
 * period chain, every aggregation of every formula over that object fused into it, one output
 * row per period (and group), one column per formula.
 */
export class QueryPlan {
  private readonly chains = new Map<string, Chain>();
  private readonly groups = new Map<string, Group>();
  private readonly outputs: { name: string; sql: string }[] = [];
  readonly objects = new Set<string>();

  constructor(
    private readonly d: SqlDialect,
    private readonly objectsByName: ReadonlyMap<string, DataObject>,
    private readonly periods: readonly PeriodMs[],
    /** Resolves kpi('id') to its checked formula; null when it has none (the value is then null). */
    private readonly resolveKpi: (id: string) => CheckedFormula | null,
    private readonly split: Split | null = null,
  ) {
    this.chain([]);
  }

  /** Adds a formula as an output column. */
  add(name: string, f: CheckedFormula): void {
    const value = this.scope(f, this.chain([]));
    this.outputs.push({ name, sql: this.d.finiteOrNull(this.d.toDouble(value.text)) });
  }

  private chain(transforms: readonly PeriodTransform[]): Chain {
    const key = transforms.join('>');
    let c = this.chains.get(key);
    if (!c) {
      c = { alias: `w${this.chains.size}`, transforms };
      this.chains.set(key, c);
    }
    return c;
  }

  private scope(f: CheckedFormula, chain: Chain): Sql {
    const compiler = new ExprSql(this.d, f.analysis);
    return compiler.compile(f.ast, {
      periodStartMs: `${chain.alias}.sm`,
      periodEndMs: `${chain.alias}.em`,
      aggregate: (e) => this.aggregate(e, f.analysis, compiler, chain),
      scopeCall: (e) => {
        const name = e.callee.name;
        if (name in TRANSFORMS) {
          return this.scope(
            { ast: e.args[0]!, analysis: f.analysis },
            this.chain([...chain.transforms, name as PeriodTransform]),
          );
        }
        if (name !== 'kpi') return undefined;
        const target = this.resolveKpi((e.args[0] as { value: string }).value);
        if (!target) return { text: 'CAST(NULL AS DOUBLE)', type: 'number', nullable: true };
        // A referenced KPI's value is a finite number or null, as when it is evaluated alone.
        const inner = this.scope(target, chain);
        return { text: this.d.finiteOrNull(this.d.toDouble(inner.text)), type: 'number', nullable: true };
      },
    });
  }

  private group(chain: Chain, object: DataObject): Group {
    const key = `${chain.alias}|${object.name}`;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        alias: `g${this.groups.size}`,
        chain,
        object,
        split: this.split?.object === object.name,
        joins: new Map(),
        aggs: new Map(),
      };
      this.groups.set(key, g);
      this.objects.add(object.name);
      // The split's joins are known now, so `objects` is complete before rendering.
      if (g.split) this.joinAlias(g, this.split!.hops);
    }
    return g;
  }

  /** The alias of the record reached by following `hops` from the group's object (LEFT JOINs on to-one keys). */
  private joinAlias(g: Group, hops: readonly Relationship[]): string {
    let alias = O;
    let path = '';
    for (const rel of hops) {
      path += `.${rel.name}`;
      let j = g.joins.get(path);
      if (!j) {
        j = { alias: `j${g.joins.size}`, from: alias, rel };
        g.joins.set(path, j);
        this.objects.add(rel.target);
      }
      alias = j.alias;
    }
    return alias;
  }

  private rowContext(g: Group) {
    return {
      periodStartMs: `${W}.sm`,
      periodEndMs: `${W}.em`,
      column: (r: ResolvedRef) => {
        const text = `${this.joinAlias(
          g,
          r.hops.map((h) => h.rel),
        )}.${this.d.quoteIdent(r.field!.name)}`;
        return { text };
      },
    };
  }

  private aggregate(e: Aggregate, analysis: Analysis, compiler: ExprSql, chain: Chain): Sql {
    const info = analysis.aggregates.get(e);
    if (!info) throw new Error('CALC.INTERNAL: unchecked aggregation');
    const g = this.group(chain, info.def);
    const ctx = this.rowContext(g);
    const d = this.d;
    const where = e.where ? compiler.cond(compiler.compile(e.where, ctx)) : null;
    const bare = e.arg.kind === 'ref' && e.arg.segments.length === 1 && !analysis.refs.has(e.arg);
    const value = bare ? null : compiler.compile(e.arg, ctx);
    let sql: string;
    let type: Sql['type'] = 'number';
    switch (e.fn) {
      case 'count':
        sql = d.filtered('count', value ? value.text : '*', where, e.distinct);
        break;
      case 'median':
        sql = d.percentile(value!.text, 0.5, where);
        break;
      case 'percentile': {
        const rank = e.rank?.kind === 'number' ? e.rank.value : 50;
        sql = d.percentile(value!.text, Math.min(100, Math.max(0, rank)) / 100, where);
        break;
      }
      default:
        sql = d.filtered(e.fn, value!.text, where);
        if ((e.fn === 'min' || e.fn === 'max') && value!.type === 'temporal') type = 'temporal';
    }
    sql = d.toDouble(sql);
    let col = g.aggs.get(sql);
    if (!col) {
      col = `a${g.aggs.size}`;
      g.aggs.set(sql, col);
    }
    const ref = `${g.alias}.${col}`;
    // No records: count and sum are 0, the others have no value.
    if (e.fn === 'count' || e.fn === 'sum')
      return { text: `COALESCE(${ref}, ${d.doubleLiteral(0)})`, type, nullable: false };
    return { text: ref, type, nullable: true };
  }

  /**
   * Window rows of a chain: one per evaluated period, shifted by the chain's transforms. A shift
   * of `to_date`'s open start (previous_period(to_date(x))) leaves JavaScript's date range: the
   * evaluator then gets NaN (no records; period functions have no value), here NULL.
   */
  private windows(chain: Chain): string {
    const d = this.d;
    const rows = this.periods.map((p, pid) => {
      let w = p;
      for (const t of chain.transforms) w = TRANSFORMS[t](w);
      const ms = (v: number) => (Number.isNaN(v) ? 'CAST(NULL AS DOUBLE)' : d.doubleLiteral(v));
      // Timestamps stop at ±8.64e15 ms; every record lies inside, so clamping changes no result.
      const ts = (v: number) =>
        Number.isNaN(v) ? 'CAST(NULL AS DOUBLE)' : d.doubleLiteral(Math.max(-8.64e15, Math.min(8.64e15, v)));
      return [String(pid), ms(w.start), ms(w.end), ts(w.start), ts(w.end)];
    });
    const v = d.values(rows, ['pid', 'sm', 'em', 'sc', 'ec']);
    return `SELECT pid, sm, em, ${d.timestampOfMs('sc')} AS s, ${d.timestampOfMs('ec')} AS e FROM ${v} AS v`;
  }

  private groupQuery(g: Group, relation: (object: string) => string): string {
    const d = this.d;
    const q = d.quoteIdent;
    const select = [`${W}.pid`];
    const by = [`${W}.pid`];
    if (g.split && this.split) {
      const alias = this.joinAlias(g, this.split.hops);
      const value = splitValue(d, `${alias}.${q(this.split.field.name)}`, this.split.field);
      select.push(`${this.split.groupSql(value)} AS g`);
      by.push('g');
    }
    for (const [sql, col] of g.aggs) select.push(`${sql} AS ${col}`);
    const time = g.object.timeField;
    const on = time ? `${O}.${q(time)} >= ${W}.s AND ${O}.${q(time)} < ${W}.e` : 'TRUE';
    const joins = [...g.joins.values()].map((j) => {
      const target = this.objectsByName.get(j.rel.target)!;
      return `LEFT JOIN ${d.onePerKey(relation(target.name), j.rel.targetKey)} AS ${j.alias} ON ${j.alias}.${q(j.rel.targetKey)} = ${j.from}.${q(j.rel.foreignKey)}`;
    });
    return [
      `SELECT ${select.join(', ')}`,
      `FROM ${g.chain.alias} AS ${W} JOIN ${relation(g.object.name)} AS ${O} ON ${on}`,
      ...joins,
      `GROUP BY ${by.join(', ')}`,
    ].join('\n  ');
  }

  /** The query, given the SQL relation (e.g. a Parquet read) of each object in `objects`. */
  render(relation: (object: string) => string): string {
    const d = this.d;
    if (this.periods.length === 0) throw new RangeError('CALC.NO_PERIODS: at least one period is needed');
    const ctes: string[] = [];
    for (const c of this.chains.values()) ctes.push(`${c.alias} AS (${this.windows(c)})`);
    for (const g of this.groups.values()) ctes.push(`${g.alias} AS (\n  ${this.groupQuery(g, relation)})`);
    const root = this.chain([]);
    const from = [`${root.alias}`];
    const select = [`${root.alias}.pid AS pid`];
    if (this.split) {
      const groups = Array.from({ length: this.split.groups }, (_, i) => [String(i)]);
      from.push(`CROSS JOIN ${d.values(groups, ['g'])} AS gg`);
      select.push('gg.g AS g');
    }
    for (const c of this.chains.values())
      if (c !== root) from.push(`LEFT JOIN ${c.alias} ON ${c.alias}.pid = ${root.alias}.pid`);
    for (const g of this.groups.values()) {
      const onGroup = g.split ? ` AND ${g.alias}.g = gg.g` : '';
      from.push(`LEFT JOIN ${g.alias} ON ${g.alias}.pid = ${root.alias}.pid${onGroup}`);
    }
    for (const [i, o] of this.outputs.entries()) select.push(`${o.sql} AS ${d.quoteIdent(`v${i}`)}`);
    return `WITH ${ctes.join(',\n')}\nSELECT ${select.join(', ')}\nFROM ${from.join('\n  ')}`;
  }

  /** Output column names in `add` order (`v0`, `v1`, ...) with the names given to `add`. */
  get columns(): readonly string[] {
    return this.outputs.map((o) => o.name);
  }
}

/** The SQL value of a breakdown dimension, typed as the evaluator sees it. */
export function splitValue(d: SqlDialect, column: string, field: Field): Sql {
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'money':
      return { text: d.toDouble(column), type: 'number', nullable: true };
    case 'date':
    case 'datetime':
      return { text: d.epochMs(column), type: 'temporal', nullable: true, ts: column };
    case 'boolean':
      return { text: column, type: 'boolean', nullable: true };
    default:
      return { text: column, type: 'string', nullable: true };
  }
}
