import type { Aggregate, Call, Expr } from '../../domain/formula/ast';
import type { Analysis, ResolvedRef } from '../../domain/formula/checker';
import { DAY_MS, parseIsoDate } from '../../domain/formula/period';
import type { SqlDialect } from './dialect';

/** Formula value types as the SQL carries them: temporal values are epoch-ms numbers, as in the evaluator. */
export type SqlType = 'number' | 'string' | 'boolean' | 'temporal' | 'null';

/** A compiled expression. */
export interface Sql {
  readonly text: string;
  readonly type: SqlType;
  /** False when the expression can never be NULL (conditions are two-valued: null compares false). */
  readonly nullable: boolean;
  /** For temporal values read straight from a TIMESTAMP column or literal: that timestamp (fast comparisons, date parts). */
  readonly ts?: string;
  /** For conditions: the same test where NULL may stand for false (a WHERE, FILTER or CASE WHEN). */
  readonly raw?: string;
}

/** Where the expression is evaluated and how names resolve there. */
export interface ExprContext {
  /** The evaluated period as epoch-ms SQL expressions (the window row, or the scope's window). */
  readonly periodStartMs: string;
  readonly periodEndMs: string;
  /** Inside an aggregation: the column of a resolved reference (joins as needed). */
  column?(ref: ResolvedRef): { text: string; ts?: string };
  /** Outside aggregations: an aggregation's value. */
  aggregate?(e: Aggregate): Sql;
  /** Outside aggregations: period functions and kpi(); undefined for ordinary functions. */
  scopeCall?(e: Call): Sql | undefined;
}

const NULL_SQL: Sql = { text: 'NULL', type: 'null', nullable: true };

/** Compiles checked formula expressions to SQL, node by node (never by pasting source text). */
export class ExprSql {
  constructor(
    private readonly d: SqlDialect,
    private readonly analysis: Analysis,
  ) {}

  /** A condition as a two-valued SQL boolean (NULL counts as false, as in the evaluator). */
  cond(s: Sql): string {
    return s.nullable ? `COALESCE(${s.text}, FALSE)` : s.text;
  }

  /** A condition where NULL and FALSE act alike (FILTER, WHERE, CASE WHEN): no COALESCE needed. */
  filter(s: Sql): string {
    return s.raw ?? this.cond(s);
  }

  compile(e: Expr, ctx: ExprContext): Sql {
    const d = this.d;
    switch (e.kind) {
      case 'number':
        return { text: d.doubleLiteral(e.value), type: 'number', nullable: false };
      case 'string':
        return { text: d.stringLiteral(e.value), type: 'string', nullable: false };
      case 'boolean':
        return { text: d.booleanLiteral(e.value), type: 'boolean', nullable: false };
      case 'null':
        return NULL_SQL;
      case 'ref':
        return this.ref(e, ctx);
      case 'unary': {
        const x = this.compile(e.operand, ctx);
        if (e.op === 'not') return { text: `(NOT ${this.cond(x)})`, type: 'boolean', nullable: false };
        return { text: `(-${x.text})`, type: 'number', nullable: x.nullable };
      }
      case 'binary':
        return this.binary(e, ctx);
      case 'in': {
        const x = this.compile(e.operand, ctx);
        const items = e.items.map((i) => this.compile(i, ctx));
        const anyEqual = items.map((i) => this.cond(this.comparison('=', x, i))).join(' OR ');
        const text = `(${x.text} IS NOT NULL AND ${e.negated ? 'NOT ' : ''}(${anyEqual}))`;
        return { text, type: 'boolean', nullable: false };
      }
      case 'is-null': {
        const x = this.compile(e.operand, ctx);
        // The epoch ms of a timestamp column is null exactly when the column is: test the column
        // and save the conversion per row (only then: a shifted window's bound may be out of range).
        const read = x.ts !== undefined && x.text === d.epochMs(x.ts) ? x.ts : x.text;
        return { text: `(${read} IS ${e.negated ? 'NOT ' : ''}NULL)`, type: 'boolean', nullable: false };
      }
      case 'call':
        return ctx.scopeCall?.(e) ?? this.call(e, ctx);
      case 'aggregate':
        if (!ctx.aggregate) throw new Error('CALC.INTERNAL: aggregation inside an aggregation');
        return ctx.aggregate(e);
    }
  }

  private ref(e: Expr & { kind: 'ref' }, ctx: ExprContext): Sql {
    const r = this.analysis.refs.get(e);
    if (!r?.field || !ctx.column) throw new Error('CALC.INTERNAL: unresolved reference');
    const col = ctx.column(r);
    switch (r.field.type) {
      case 'integer':
      case 'decimal':
      case 'money':
        return { text: this.d.toDouble(col.text), type: 'number', nullable: true };
      case 'string':
      case 'enum':
        return { text: col.text, type: 'string', nullable: true };
      case 'boolean':
        return { text: col.text, type: 'boolean', nullable: true, raw: col.text };
      case 'date':
      case 'datetime':
        return { text: this.d.epochMs(col.text), type: 'temporal', nullable: true, ts: col.text };
    }
  }

  private binary(e: Expr & { kind: 'binary' }, ctx: ExprContext): Sql {
    const l = this.compile(e.left, ctx);
    const r = this.compile(e.right, ctx);
    const nullable = l.nullable || r.nullable;
    switch (e.op) {
      case 'and':
      case 'or':
        // Where NULL acts as false, `NULL AND x` and `NULL OR x` act as `false AND x`, `false OR x`.
        return {
          text: `(${this.cond(l)} ${e.op.toUpperCase()} ${this.cond(r)})`,
          type: 'boolean',
          nullable: false,
          raw: `(${this.filter(l)} ${e.op.toUpperCase()} ${this.filter(r)})`,
        };
      case '+':
      case '-':
      case '*':
        return { text: `(${l.text} ${e.op} ${r.text})`, type: 'number', nullable };
      // Division or modulo by zero has no value: NULL, never the engine's Infinity or NaN.
      case '/':
        return { text: `(${l.text} / NULLIF(${r.text}, 0))`, type: 'number', nullable: true };
      // `%` keeps the dividend's sign as JavaScript's does; DuckDB's fmod() does not (fmod(-7, 3) = 2).
      case '%':
        return { text: `(${l.text} % NULLIF(${r.text}, 0))`, type: 'number', nullable: true };
      default:
        return this.comparison(e.op, l, r);
    }
  }

  /** A comparison; false (not NULL) when either side is null. */
  comparison(op: string, l: Sql, r: Sql): Sql {
    const sqlOp = op === '!=' ? '<>' : op;
    const [a, b] = l.ts !== undefined && r.ts !== undefined ? [l.ts, r.ts] : [l.text, r.text];
    const text = `(${a} ${sqlOp} ${b})`;
    return l.nullable || r.nullable
      ? { text: `COALESCE(${text}, FALSE)`, type: 'boolean', nullable: false, raw: text }
      : { text, type: 'boolean', nullable: false };
  }

  private call(e: Call, ctx: ExprContext): Sql {
    const d = this.d;
    const name = e.callee.name;
    if (name === 'date') {
      const ms = parseIsoDate((e.args[0] as { value: string }).value);
      if (ms === undefined) throw new Error('CALC.INTERNAL: unchecked date literal');
      return {
        text: d.doubleLiteral(ms),
        type: 'temporal',
        nullable: false,
        ts: d.timestampOfMs(d.doubleLiteral(ms)),
      };
    }
    if (name === 'period_start')
      return {
        text: ctx.periodStartMs,
        type: 'temporal',
        nullable: false,
        ts: d.timestampOfMs(ctx.periodStartMs),
      };
    if (name === 'period_end')
      return {
        text: ctx.periodEndMs,
        type: 'temporal',
        nullable: false,
        ts: d.timestampOfMs(ctx.periodEndMs),
      };
    if (name === 'period_days')
      return {
        text: `((${ctx.periodEndMs} - ${ctx.periodStartMs}) / ${d.doubleLiteral(DAY_MS)})`,
        type: 'number',
        nullable: false,
      };
    const a = e.args.map((x) => this.compile(x, ctx));
    const a0 = a[0] ?? NULL_SQL;
    const a1 = a[1] ?? NULL_SQL;
    const num = (text: string, nullable = a0.nullable): Sql => ({ text, type: 'number', nullable });
    const tsOf = (x: Sql) => x.ts ?? d.timestampOfMs(x.text);
    const between = (unit: number) =>
      num(`((${a1.text} - ${a0.text}) / ${d.doubleLiteral(unit)})`, a0.nullable || a1.nullable);
    switch (name) {
      case 'if': {
        const [c, t, f] = a as [Sql, Sql, Sql];
        const type = t.type === 'null' ? f.type : t.type;
        const text = `(CASE WHEN ${this.filter(c)} THEN ${t.text} ELSE ${f.text} END)`;
        return { text, type, nullable: t.nullable || f.nullable };
      }
      case 'coalesce': {
        const type = a.find((x) => x.type !== 'null')?.type ?? 'null';
        return {
          text: `COALESCE(${a.map((x) => x.text).join(', ')})`,
          type,
          nullable: a.every((x) => x.nullable),
        };
      }
      case 'least':
      case 'greatest': {
        // Both skip NULL arguments, as the evaluator does.
        const type = a.find((x) => x.type !== 'null')?.type ?? 'null';
        return {
          text: `${name}(${a.map((x) => x.text).join(', ')})`,
          type,
          nullable: a.every((x) => x.nullable),
        };
      }
      case 'abs':
      case 'floor':
      case 'ceil':
        return num(`${name}(${a0.text})`);
      case 'sqrt':
        return num(`(CASE WHEN ${a0.text} >= 0 THEN sqrt(${a0.text}) END)`, true);
      case 'round': {
        // Half away from zero to 0..12 digits, exactly as the evaluator computes it.
        const digits = a.length > 1 ? `COALESCE(${a1.text}, 0)` : '0';
        const p = `pow(10, least(12, greatest(0, trunc(${digits}))))`;
        return num(`(sign(${a0.text}) * floor(abs(${a0.text}) * ${p} + 0.5) / ${p})`);
      }
      case 'days_between':
        return between(DAY_MS);
      case 'hours_between':
        return between(3_600_000);
      case 'minutes_between':
        return between(60_000);
      case 'add_days':
        return {
          text: `(${a0.text} + ${a1.text} * ${d.doubleLiteral(DAY_MS)})`,
          type: 'temporal',
          nullable: a0.nullable || a1.nullable,
        };
      case 'year':
        return num(d.datePart('year', tsOf(a0)), true);
      case 'quarter':
        return num(d.datePart('quarter', tsOf(a0)), true);
      case 'month':
        return num(d.datePart('month', tsOf(a0)), true);
      case 'day_of_week':
        return num(d.datePart('isodow', tsOf(a0)), true);
      case 'hour':
        return num(d.datePart('hour', tsOf(a0)), true);
      case 'in_period': {
        const test = `(${a0.text} >= ${ctx.periodStartMs} AND ${a0.text} < ${ctx.periodEndMs})`;
        return { text: `COALESCE(${test}, FALSE)`, type: 'boolean', nullable: false, raw: test };
      }
      default:
        throw new Error(`CALC.INTERNAL: no SQL for ${name}(...)`);
    }
  }
}
