import type { DataObject, Field, Relationship } from '../../domain/catalog/types';
import type { Aggregate, Expr } from '../../domain/formula/ast';
import type { Analysis, ResolvedRef } from '../../domain/formula/checker';
import {
  BEGINNING_OF_TIME,
  DAY_MS,
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

/**
 * An aggregation in pieces: decomposable ones (count, sum, avg, min, max whose row values do not
 * read the window) are computed per time bucket in one scan of the object and rolled up per window.
 */
interface AggInfo {
  readonly col: string;
  /** The whole aggregation over the window's records. */
  readonly sql: string;
  /** Partial aggregates per bucket and how to roll them up; null when not decomposable. */
  readonly parts: {
    readonly partial: readonly string[];
    readonly rollup: (cols: readonly string[]) => string;
  } | null;
}

/** Aggregations over one object and one chain, grouped by period (and split group). */
interface Group {
  readonly alias: string;
  readonly chain: Chain;
  readonly object: DataObject;
  readonly split: boolean;
  readonly aggs: Map<string, AggInfo>;
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
  /** Relationship joins per object, by path: one alias per path, shared by every scan of the object. */
  private readonly joins = new Map<string, Map<string, Join>>();
  private readonly outputs: { name: string; sql: string }[] = [];
  readonly objects = new Set<string>();
  private fineCount = 0;

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
    let joins = this.joins.get(g.object.name);
    if (!joins) {
      joins = new Map();
      this.joins.set(g.object.name, joins);
    }
    let alias = O;
    let path = '';
    for (const rel of hops) {
      path += `.${rel.name}`;
      let j = joins.get(path);
      if (!j) {
        j = { alias: `j${joins.size}`, from: alias, rel };
        joins.set(path, j);
        this.objects.add(rel.target);
      }
      alias = j.alias;
    }
    return alias;
  }

  private rowContext(g: Group, usesWindow: { value: boolean }) {
    return {
      get periodStartMs() {
        usesWindow.value = true;
        return `${W}.sm`;
      },
      get periodEndMs() {
        usesWindow.value = true;
        return `${W}.em`;
      },
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
    const usesWindow = { value: false };
    const ctx = this.rowContext(g, usesWindow);
    const d = this.d;
    const where = e.where ? compiler.filter(compiler.compile(e.where, ctx)) : null;
    const bare = e.arg.kind === 'ref' && e.arg.segments.length === 1 && !analysis.refs.has(e.arg);
    const value = bare ? null : compiler.compile(e.arg, ctx);
    let sql: string;
    let type: Sql['type'] = 'number';
    let parts: AggInfo['parts'] = null;
    const sumUp = (cols: readonly string[]) => `sum(${cols[0]})`;
    switch (e.fn) {
      case 'count':
        sql = d.filtered('count', value ? value.text : '*', where, e.distinct);
        if (!e.distinct) parts = { partial: [sql], rollup: sumUp };
        break;
      case 'median':
        sql = d.percentile(value!.text, 0.5, where);
        break;
      case 'percentile': {
        const rank = e.rank?.kind === 'number' ? e.rank.value : 50;
        sql = d.percentile(value!.text, Math.min(100, Math.max(0, rank)) / 100, where);
        break;
      }
      case 'avg': {
        sql = d.filtered('avg', value!.text, where);
        const partial = [d.filtered('sum', value!.text, where), d.filtered('count', value!.text, where)];
        parts = { partial, rollup: (c) => `(sum(${c[0]}) / NULLIF(sum(${c[1]}), 0))` };
        break;
      }
      default:
        sql = d.filtered(e.fn, value!.text, where);
        if ((e.fn === 'min' || e.fn === 'max') && value!.type === 'temporal') type = 'temporal';
        parts = { partial: [sql], rollup: e.fn === 'sum' ? sumUp : (c) => `${e.fn}(${c[0]})` };
    }
    // Row values that read the window (period_start() inside the aggregation) differ per window.
    if (usesWindow.value) parts = null;
    sql = d.toDouble(sql);
    let col = g.aggs.get(sql)?.col;
    if (!col) {
      col = `a${g.aggs.size}`;
      g.aggs.set(sql, { col, sql, parts });
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

  /** The windows of a chain, in epoch ms (NaN when shifted out of the date range). */
  private windowsOf(chain: Chain): PeriodMs[] {
    return this.periods.map((p) => chain.transforms.reduce((w, t) => TRANSFORMS[t](w), p));
  }

  /**
   * The bucket grain of one scan of an object for all its chains: months when every window
   * boundary is the 1st of a month (or open), else days when every boundary is a UTC midnight
   * (always, for YYYY-MM-DD periods), else null (then each chain is a range join of its own).
   */
  private bucketGrain(groups: readonly Group[]): 'month' | 'day' | null {
    let month = true;
    for (const g of groups)
      for (const w of this.windowsOf(g.chain))
        for (const b of [w.start, w.end]) {
          if (Number.isNaN(b) || b <= BEGINNING_OF_TIME) continue;
          if (b % DAY_MS !== 0) return null;
          if (new Date(b).getUTCDate() !== 1) month = false;
        }
    return month ? 'month' : 'day';
  }

  /** True when each window of the chain is exactly one bucket: then any aggregation is read per bucket. */
  private oneBucketEach(chain: Chain, grain: 'month' | 'day'): boolean {
    return this.windowsOf(chain).every((w) => {
      if (Number.isNaN(w.start) || Number.isNaN(w.end) || w.start <= BEGINNING_OF_TIME) return false;
      const s = new Date(w.start);
      const next = grain === 'day' ? w.start + DAY_MS : Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 1, 1);
      return w.end === next;
    });
  }

  /** LEFT JOINs (to-one, one record per key) of an object that the given SQL texts read. */
  private joinClauses(
    object: string,
    texts: readonly string[],
    relation: (object: string) => string,
  ): string[] {
    const d = this.d;
    const q = d.quoteIdent;
    const all = [...(this.joins.get(object)?.values() ?? [])];
    const needed = new Set<string>();
    const need = (alias: string) => {
      const j = all.find((x) => x.alias === alias);
      if (!j || needed.has(alias)) return;
      needed.add(alias);
      need(j.from);
    };
    for (const j of all) if (texts.some((t) => t.includes(`${j.alias}.`))) need(j.alias);
    return all
      .filter((j) => needed.has(j.alias))
      .map(
        (j) =>
          `LEFT JOIN ${d.onePerKey(relation(j.rel.target), j.rel.targetKey)} AS ${j.alias} ON ${j.alias}.${q(j.rel.targetKey)} = ${j.from}.${q(j.rel.foreignKey)}`,
      );
  }

  private splitGroup(g: Group): string | null {
    if (!g.split || !this.split) return null;
    const alias = this.joinAlias(g, this.split.hops);
    const value = splitValue(
      this.d,
      `${alias}.${this.d.quoteIdent(this.split.field.name)}`,
      this.split.field,
    );
    return this.split.groupSql(value);
  }

  /** A chain's aggregations as a range join of its windows with the object's records. */
  private rangeQuery(g: Group, relation: (object: string) => string): string {
    const q = this.d.quoteIdent;
    const select = [`${W}.pid`];
    const by = [`${W}.pid`];
    const gid = this.splitGroup(g);
    if (gid) {
      select.push(`${gid} AS g`);
      by.push('g');
    }
    for (const a of g.aggs.values()) select.push(`${a.sql} AS ${a.col}`);
    const time = g.object.timeField;
    const on = time ? `${O}.${q(time)} >= ${W}.s AND ${O}.${q(time)} < ${W}.e` : 'TRUE';
    return [
      `SELECT ${select.join(', ')}`,
      `FROM ${g.chain.alias} AS ${W} JOIN ${relation(g.object.name)} AS ${O} ON ${on}`,
      ...this.joinClauses(g.object.name, [...select], relation),
      `GROUP BY ${by.join(', ')}`,
    ].join('\n  ');
  }

  /**
   * The CTEs of one object with a time field: one scan aggregating per time bucket (and split
   * group) every decomposable aggregation of every chain, then per chain a roll-up of its
   * windows' buckets. Chains with other aggregations (distinct counts, percentiles over windows
   * of several buckets, row values reading the window) are range joins of their own.
   */
  private objectCtes(
    object: DataObject,
    groups: readonly Group[],
    relation: (object: string) => string,
  ): string[] {
    const d = this.d;
    const q = d.quoteIdent;
    const time = object.timeField!;
    const grain = this.bucketGrain(groups);
    const ctes: string[] = [];
    const bucketed = groups.filter(
      (g) =>
        grain !== null &&
        [...g.aggs.values()].every((a) => a.parts !== null || this.oneBucketEach(g.chain, grain)),
    );
    for (const g of groups)
      if (!bucketed.includes(g)) ctes.push(`${g.alias} AS (\n  ${this.rangeQuery(g, relation)})`);
    if (bucketed.length === 0 || grain === null) return ctes;
    const partials = new Map<string, string>();
    const partial = (sql: string) => {
      let col = partials.get(sql);
      if (!col) {
        col = `p${partials.size}`;
        partials.set(sql, col);
      }
      return col;
    };
    // A window of one bucket reads the bucket's value of any aggregation as it is. An average
    // is then one aggregate instead of a sum and a count, unless a chain of wider windows needs
    // those partials anyway.
    const oneBucket = new Set(bucketed.filter((g) => this.oneBucketEach(g.chain, grain)));
    const rolledUp = new Set(
      bucketed
        .filter((g) => !oneBucket.has(g))
        .flatMap((g) => [...g.aggs.values()].flatMap((a) => a.parts?.partial ?? [])),
    );
    const asIs = (g: Group, a: AggInfo) =>
      a.parts === null ||
      (oneBucket.has(g) && a.parts.partial.length > 1 && !a.parts.partial.every((p) => rolledUp.has(p)));
    const rollups = bucketed.map((g) =>
      [...g.aggs.values()].map((a) => {
        const expr = asIs(g, a)
          ? `max(f.${partial(a.sql)})`
          : a.parts!.rollup(a.parts!.partial.map((p) => `f.${partial(p)}`));
        return `${d.toDouble(expr)} AS ${a.col}`;
      }),
    );
    const fine = `f${this.fineCount++}`;
    const gid = this.splitGroup(bucketed[0]!);
    const windows = bucketed
      .flatMap((g) => this.windowsOf(g.chain))
      .filter((w) => !Number.isNaN(w.start) && !Number.isNaN(w.end));
    const t = `${O}.${q(time)}`;
    const bounds: string[] = [];
    if (windows.length === 0) bounds.push('FALSE');
    else {
      const lower = Math.min(...windows.map((w) => w.start));
      if (lower > BEGINNING_OF_TIME) bounds.push(`${t} >= ${d.timestampOfMs(d.doubleLiteral(lower))}`);
      bounds.push(`${t} < ${d.timestampOfMs(d.doubleLiteral(Math.max(...windows.map((w) => w.end))))}`);
    }
    const select = [
      `${d.bucket(grain, t)} AS b`,
      ...(gid ? [`${gid} AS g`] : []),
      ...[...partials].map(([sql, col]) => `${sql} AS ${col}`),
    ];
    ctes.push(
      `${fine} AS (\n  ${[
        `SELECT ${select.join(', ')}`,
        `FROM ${relation(object.name)} AS ${O}`,
        ...this.joinClauses(object.name, select, relation),
        `WHERE ${bounds.join(' AND ')}`,
        `GROUP BY ${gid ? 'b, g' : 'b'}`,
      ].join('\n  ')})`,
    );
    bucketed.forEach((g, i) => {
      const by = gid ? `${W}.pid, f.g` : `${W}.pid`;
      ctes.push(
        `${g.alias} AS (\n  SELECT ${by}${gid ? ' AS g' : ''}, ${rollups[i]!.join(', ')}\n  FROM ${g.chain.alias} AS ${W} LEFT JOIN ${fine} AS f ON f.b >= ${W}.s AND f.b < ${W}.e\n  GROUP BY ${by})`,
      );
    });
    return ctes;
  }

  /** The query, given the SQL relation (e.g. a Parquet read) of each object in `objects`. */
  render(relation: (object: string) => string): string {
    const d = this.d;
    if (this.periods.length === 0) throw new RangeError('CALC.NO_PERIODS: at least one period is needed');
    this.fineCount = 0;
    const ctes: string[] = [];
    for (const c of this.chains.values()) ctes.push(`${c.alias} AS (${this.windows(c)})`);
    const byObject = new Map<string, Group[]>();
    for (const g of this.groups.values())
      byObject.set(g.object.name, [...(byObject.get(g.object.name) ?? []), g]);
    for (const [name, groups] of byObject) {
      const object = this.objectsByName.get(name)!;
      if (object.timeField) ctes.push(...this.objectCtes(object, groups, relation));
      else for (const g of groups) ctes.push(`${g.alias} AS (\n  ${this.rangeQuery(g, relation)})`);
    }
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
