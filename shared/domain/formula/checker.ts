import type { Field, Relationship } from '../catalog/types';
import type { Aggregate, Call, Expr, Reference, Span } from './ast';
import { type Diagnostic, type DiagnosticCode, diagnostic } from './diagnostics';
import { FUNCTIONS } from './functions';
import { type ModelIndex, type ObjectInfo, type ValueType, valueTypeOf } from './model';
import { parseIsoDate } from './period';
import { didYouMean, suggest } from './suggest';

/** `error` marks a sub-expression already reported, so that one mistake gives one diagnostic. */
export type CheckedType = ValueType | 'error';

interface TypeInfo {
  readonly type: CheckedType;
  readonly enumValues?: readonly string[];
  /** Readable name for messages (`Shipment.carrier`). */
  readonly label?: string;
}

/** A reference resolved against the object model. */
export interface ResolvedRef {
  /** The object the enclosing aggregation iterates. */
  readonly object: ObjectInfo;
  /** Relationships navigated, in order (`SalesOrderLine.order.customer` → [order, customer]). */
  readonly hops: readonly {
    readonly rel: Relationship;
    readonly from: ObjectInfo;
    readonly to: ObjectInfo;
  }[];
  /** The field read, or null for the bare object (only as `count(Object)`). */
  readonly field: Field | null;
  readonly usage: 'value' | 'filter';
}

/** What the compiler and the requirements derivation need from the type-checker. */
export interface Analysis {
  readonly refs: ReadonlyMap<Reference, ResolvedRef>;
  readonly aggregates: ReadonlyMap<Aggregate, ObjectInfo>;
  readonly kpiRefs: readonly { readonly id: string; readonly span: Span }[];
}

export interface CheckOptions {
  /** Required result type; KPI formulas must be `number` (the default). `null` accepts any. */
  readonly expect?: ValueType | null;
  /** KPI ids that `kpi('...')` may reference. When absent, any id is accepted. */
  readonly kpiIds?: ReadonlySet<string>;
}

export interface TypeCheckResult {
  readonly diagnostics: Diagnostic[];
  readonly type: CheckedType;
  readonly analysis: Analysis;
}

interface Ctx {
  /** Object iterated by the enclosing aggregation; null outside aggregations. */
  readonly row: ObjectInfo | null;
  readonly usage: 'value' | 'filter';
}

const ERROR: TypeInfo = { type: 'error' };
const NUMBER: TypeInfo = { type: 'number' };
const BOOLEAN: TypeInfo = { type: 'boolean' };
const SCOPE: Ctx = { row: null, usage: 'value' };
const isTemporal = (t: CheckedType) => t === 'date' || t === 'datetime';
const looksLikeObject = (name: string) => {
  const c = name.charCodeAt(0);
  return c >= 65 && c <= 90;
};

/** Type-checks a parsed formula against the object model. Never throws. */
export function typeCheck(
  source: string,
  ast: Expr,
  model: ModelIndex,
  options: CheckOptions = {},
): TypeCheckResult {
  const checker = new Checker(source, model, options);
  let type: CheckedType = 'error';
  try {
    const info = checker.check(ast, SCOPE);
    type = info.type;
    const expect = options.expect === undefined ? 'number' : options.expect;
    if (expect !== null && type !== 'error' && type !== expect && type !== 'null') {
      checker.report(
        'FORMULA.RESULT_NOT_NUMBER',
        `The formula must produce a ${expect}, but it produces a ${type}`,
        ast.span,
      );
    }
  } catch (e) {
    checker.report('FORMULA.INTERNAL', `Internal type-checker error: ${(e as Error).message}`, ast.span);
  }
  return {
    diagnostics: checker.diagnostics,
    type,
    analysis: { refs: checker.refs, aggregates: checker.aggregates, kpiRefs: checker.kpiRefs },
  };
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  readonly refs = new Map<Reference, ResolvedRef>();
  readonly aggregates = new Map<Aggregate, ObjectInfo>();
  readonly kpiRefs: { id: string; span: Span }[] = [];

  constructor(
    private readonly source: string,
    private readonly model: ModelIndex,
    private readonly options: CheckOptions,
  ) {}

  report(code: DiagnosticCode, message: string, span: Span, suggestions?: readonly string[]): TypeInfo {
    this.diagnostics.push(diagnostic(this.source, code, message, span.offset, span.length, { suggestions }));
    return ERROR;
  }

  check(e: Expr, ctx: Ctx): TypeInfo {
    switch (e.kind) {
      case 'number':
        return NUMBER;
      case 'string':
        return { type: 'string' };
      case 'boolean':
        return BOOLEAN;
      case 'null':
        return { type: 'null' };
      case 'ref':
        return this.reference(e, ctx);
      case 'unary': {
        const t = this.check(e.operand, ctx);
        const want = e.op === 'not' ? 'boolean' : 'number';
        if (t.type !== 'error' && t.type !== want && t.type !== 'null') {
          return this.report(
            'FORMULA.TYPE_MISMATCH',
            `'${e.op}' needs a ${want}, got ${this.describe(t)}`,
            e.operand.span,
          );
        }
        return e.op === 'not' ? BOOLEAN : NUMBER;
      }
      case 'binary':
        return this.binary(e, ctx);
      case 'in': {
        const t = this.check(e.operand, ctx);
        for (const item of e.items) {
          const it = this.check(item, ctx);
          if (this.comparable(t, it, item.span)) this.enumValue(t, item);
        }
        return BOOLEAN;
      }
      case 'is-null':
        this.check(e.operand, ctx);
        return BOOLEAN;
      case 'call':
        return this.call(e, ctx);
      case 'aggregate':
        return this.aggregate(e, ctx);
    }
  }

  private describe(t: TypeInfo): string {
    return t.label ? `${t.label} (${t.type})` : `a ${t.type}`;
  }

  private binary(e: Expr & { kind: 'binary' }, ctx: Ctx): TypeInfo {
    const l = this.check(e.left, ctx);
    const r = this.check(e.right, ctx);
    switch (e.op) {
      case 'and':
      case 'or':
        for (const [t, side] of [
          [l, e.left],
          [r, e.right],
        ] as const) {
          if (t.type !== 'error' && t.type !== 'boolean') {
            this.report(
              'FORMULA.TYPE_MISMATCH',
              `'${e.op}' needs conditions, got ${this.describe(t)}`,
              side.span,
            );
          }
        }
        return BOOLEAN;
      case '+':
      case '-':
      case '*':
      case '/':
      case '%': {
        const bad = [l, r].filter((t) => t.type !== 'error' && t.type !== 'number' && t.type !== 'null');
        if (bad.length > 0) {
          const hint =
            bad.some((t) => isTemporal(t.type)) && e.op === '-'
              ? '; use days_between(from, to) for a duration'
              : '';
          const span = bad.length === 2 ? e.span : bad[0] === l ? e.left.span : e.right.span;
          this.report(
            'FORMULA.TYPE_MISMATCH',
            `'${e.op}' needs numbers, got ${bad.map((t) => this.describe(t)).join(' and ')}${hint}`,
            span,
          );
        }
        return bad.length > 0 ? ERROR : NUMBER;
      }
      default: {
        if (l.type === 'null' || r.type === 'null') {
          const nullSide = l.type === 'null' ? e.left : e.right;
          return this.report(
            'FORMULA.TYPE_MISMATCH',
            `Comparing with null is never true; write 'x is null' or 'x is not null'`,
            nullSide.span,
          );
        }
        if (e.op !== '=' && e.op !== '!=' && (l.type === 'boolean' || r.type === 'boolean')) {
          return this.report('FORMULA.TYPE_MISMATCH', `'${e.op}' cannot order booleans`, e.span);
        }
        if (this.comparable(l, r, e.span)) {
          this.enumValue(l, e.right);
          this.enumValue(r, e.left);
        }
        return BOOLEAN;
      }
    }
  }

  /** Reports (once) when two types cannot be compared; true when they can. */
  private comparable(a: TypeInfo, b: TypeInfo, span: Span): boolean {
    if (a.type === 'error' || b.type === 'error') return false;
    if (a.type === 'null' || b.type === 'null') return true;
    if (a.type === b.type || (isTemporal(a.type) && isTemporal(b.type))) return true;
    const temporalVsString =
      (isTemporal(a.type) && b.type === 'string') || (isTemporal(b.type) && a.type === 'string');
    const hint = temporalVsString ? "; write date('YYYY-MM-DD') for a date literal" : '';
    this.report(
      'FORMULA.TYPE_MISMATCH',
      `Cannot compare ${this.describe(a)} with ${this.describe(b)}${hint}`,
      span,
    );
    return false;
  }

  /** A string literal compared with an enum field must be one of its values. */
  private enumValue(t: TypeInfo, other: Expr): void {
    if (!t.enumValues || other.kind !== 'string' || t.enumValues.includes(other.value)) return;
    const s = suggest(other.value, t.enumValues);
    this.report(
      'FORMULA.UNKNOWN_ENUM_VALUE',
      `'${other.value}' is not a value of ${t.label ?? 'this field'} (${t.enumValues.join(', ')}).${didYouMean(s)}`,
      other.span,
      s,
    );
  }

  private reference(e: Reference, ctx: Ctx): TypeInfo {
    const first = e.segments[0]!;
    if (ctx.row === null) {
      if (looksLikeObject(first.name) && !this.model.objects.has(first.name))
        return this.unknownObject(first);
      return this.report(
        'FORMULA.FIELD_OUTSIDE_AGGREGATE',
        `'${e.segments.map((s) => s.name).join('.')}' is a record value; use it inside an aggregation such as sum(...), avg(...) or count(...)`,
        e.span,
      );
    }
    let start = 0;
    if (first.name === ctx.row.def.name) start = 1;
    else if (this.model.objects.has(first.name)) {
      const via = [...ctx.row.relationships.values()]
        .filter((r) => r.target === first.name)
        .map((r) => r.name);
      return this.report(
        'FORMULA.FOREIGN_OBJECT',
        `This aggregation iterates ${ctx.row.def.name} and cannot read ${first.name} directly${
          via.length ? `; navigate a relationship, e.g. ${ctx.row.def.name}.${via[0]}.<field>` : ''
        }`,
        first.span,
        via.map((v) => `${ctx.row!.def.name}.${v}`),
      );
    } else if (looksLikeObject(first.name)) return this.unknownObject(first);
    if (start === e.segments.length) {
      return this.report(
        'FORMULA.TYPE_MISMATCH',
        `'${first.name}' is an object, not a value; count(${first.name}) counts its records`,
        e.span,
      );
    }
    let current = ctx.row;
    const hops: { rel: Relationship; from: ObjectInfo; to: ObjectInfo }[] = [];
    for (let i = start; i < e.segments.length; i++) {
      const seg = e.segments[i]!;
      const last = i === e.segments.length - 1;
      const field = current.fields.get(seg.name);
      const rel = current.relationships.get(seg.name);
      if (last && field) {
        const resolved: ResolvedRef = { object: ctx.row, hops, field, usage: ctx.usage };
        this.refs.set(e, resolved);
        const label = `${current.def.name}.${field.name}`;
        return { type: valueTypeOf(field.type), enumValues: field.values, label };
      }
      if (!last && rel) {
        const to = this.model.objects.get(rel.target);
        if (!to)
          return this.report(
            'FORMULA.UNKNOWN_OBJECT',
            `Relationship target ${rel.target} is missing`,
            seg.span,
          );
        hops.push({ rel, from: current, to });
        current = to;
        continue;
      }
      if (last && rel) {
        return this.report(
          'FORMULA.TYPE_MISMATCH',
          `'${seg.name}' is a relationship of ${current.def.name} to ${rel.target}; name one of its fields, e.g. ${seg.name}.${rel.targetKey}`,
          seg.span,
        );
      }
      if (!last && field) {
        return this.report(
          'FORMULA.UNKNOWN_FIELD',
          `'${seg.name}' is a field of ${current.def.name}, not a relationship; it has no '${e.segments[i + 1]!.name}'`,
          e.segments[i + 1]!.span,
        );
      }
      const s = suggest(seg.name, current.memberNames);
      return this.report(
        'FORMULA.UNKNOWN_FIELD',
        `${current.def.name} has no field or relationship '${seg.name}'.${didYouMean(s)}`,
        seg.span,
        s,
      );
    }
    return ERROR;
  }

  private unknownObject(id: { name: string; span: Span }): TypeInfo {
    const s = suggest(id.name, this.model.objectNames);
    return this.report('FORMULA.UNKNOWN_OBJECT', `Unknown object '${id.name}'.${didYouMean(s)}`, id.span, s);
  }

  /** Finds the object an aggregation iterates: `count(Object ...)` or the first `Object.field`. */
  private rowObjectOf(e: Aggregate): ObjectInfo | 'reported' | null {
    let found: ObjectInfo | 'reported' | null = null;
    const visit = (n: Expr): void => {
      if (found !== null) return;
      switch (n.kind) {
        case 'ref': {
          const name = n.segments[0]!.name;
          const obj = this.model.objects.get(name);
          if (obj) found = obj;
          else if (looksLikeObject(name)) {
            this.unknownObject(n.segments[0]!);
            found = 'reported';
          }
          return;
        }
        case 'unary':
          visit(n.operand);
          return;
        case 'binary':
          visit(n.left);
          visit(n.right);
          return;
        case 'in':
          visit(n.operand);
          for (const i of n.items) visit(i);
          return;
        case 'is-null':
          visit(n.operand);
          return;
        case 'call':
          for (const a of n.args) visit(a);
          return;
        default:
          return;
      }
    };
    visit(e.arg);
    if (found === null && e.where) visit(e.where);
    return found;
  }

  private aggregate(e: Aggregate, ctx: Ctx): TypeInfo {
    if (ctx.row !== null) {
      return this.report(
        'FORMULA.NESTED_AGGREGATE',
        `${e.fn}(...) cannot be nested inside another aggregation; compute it separately`,
        e.span,
      );
    }
    const row = this.rowObjectOf(e);
    if (row === 'reported') return ERROR;
    if (row === null) {
      return this.report(
        'FORMULA.NO_OBJECT',
        `Cannot tell which object ${e.fn}(...) iterates; qualify a field with its object, e.g. ${e.fn}(Invoice.amount)`,
        e.span,
      );
    }
    this.aggregates.set(e, row);
    const inner: Ctx = { row, usage: 'value' };
    const bareObject =
      e.arg.kind === 'ref' && e.arg.segments.length === 1 && e.arg.segments[0]!.name === row.def.name;
    let argType: TypeInfo = NUMBER;
    if (bareObject) {
      if (e.fn !== 'count') {
        return this.report(
          'FORMULA.NOT_A_NUMBER',
          `${e.fn}(${row.def.name}) needs a numeric field, e.g. ${e.fn}(${row.def.name}.<field>)`,
          e.arg.span,
        );
      }
      if (e.distinct) {
        this.report(
          'FORMULA.TYPE_MISMATCH',
          `count(distinct ...) needs a field, not the object ${row.def.name}`,
          e.arg.span,
        );
      }
    } else argType = this.check(e.arg, inner);
    if (e.where) {
      const w = this.check(e.where, { row, usage: 'filter' });
      if (w.type !== 'error' && w.type !== 'boolean') {
        this.report(
          'FORMULA.TYPE_MISMATCH',
          `'where' needs a condition, got ${this.describe(w)}`,
          e.where.span,
        );
      }
    }
    if (e.distinct && e.fn !== 'count') {
      this.report('FORMULA.NOT_ALLOWED_HERE', `'distinct' is only allowed in count(...)`, e.callee.span);
    }
    if (e.fn === 'percentile') {
      if (!e.rank) return this.report('FORMULA.ARITY', 'percentile(value, rank) needs a rank 0..100', e.span);
      if (e.rank.kind !== 'number' || e.rank.value > 100) {
        this.report(
          'FORMULA.NOT_CONSTANT',
          'The percentile rank must be a number literal from 0 to 100',
          e.rank.span,
        );
      }
    } else if (e.rank) {
      this.report('FORMULA.ARITY', `${e.fn}(...) takes one value`, e.rank.span);
    }
    if (argType.type === 'error') return e.fn === 'min' || e.fn === 'max' ? ERROR : NUMBER;
    switch (e.fn) {
      case 'count':
        return NUMBER;
      case 'min':
      case 'max':
        if (argType.type === 'number' || isTemporal(argType.type)) return { type: argType.type };
        return this.report(
          'FORMULA.NOT_A_NUMBER',
          `${e.fn}(...) needs a number or a date, got ${this.describe(argType)}`,
          e.arg.span,
        );
      default:
        if (argType.type !== 'number') {
          return this.report(
            'FORMULA.NOT_A_NUMBER',
            `${e.fn}(...) aggregates numbers, got ${this.describe(argType)}${
              e.fn === 'sum' || e.fn === 'avg' ? '; count(...) counts records' : ''
            }`,
            e.arg.span,
          );
        }
        return NUMBER;
    }
  }

  private call(e: Call, ctx: Ctx): TypeInfo {
    const name = e.callee.name;
    const info = FUNCTIONS.get(name);
    if (!info) {
      const s = suggest(name, [
        ...FUNCTIONS.keys(),
        'sum',
        'count',
        'avg',
        'min',
        'max',
        'median',
        'percentile',
      ]);
      return this.report(
        'FORMULA.UNKNOWN_FUNCTION',
        `Unknown function '${name}'.${didYouMean(s)}`,
        e.callee.span,
        s,
      );
    }
    if (e.args.length < info.minArgs || e.args.length > info.maxArgs) {
      return this.report(
        'FORMULA.ARITY',
        `${info.signature} takes ${info.minArgs === info.maxArgs ? info.minArgs : `${info.minArgs} to ${info.maxArgs}`} argument(s), got ${e.args.length}`,
        e.span,
      );
    }
    if (info.scopeOnly && ctx.row !== null) {
      return this.report(
        'FORMULA.NOT_ALLOWED_HERE',
        `${name}(...) works on whole-period values and cannot be used inside an aggregation`,
        e.callee.span,
      );
    }
    if (name === 'kpi') return this.kpiCall(e);
    if (name === 'date') {
      const a = e.args[0]!;
      if (a.kind !== 'string' || parseIsoDate(a.value) === undefined) {
        return this.report(
          'FORMULA.INVALID_LITERAL',
          "date(...) needs a literal 'YYYY-MM-DD' of a real day",
          a.span,
        );
      }
      return { type: 'date' };
    }
    const args = e.args.map((a) => this.check(a, ctx));
    const want = (i: number, ok: (t: CheckedType) => boolean, what: string): boolean => {
      const t = args[i]!;
      if (t.type === 'error' || t.type === 'null' || ok(t.type)) return true;
      this.report(
        'FORMULA.TYPE_MISMATCH',
        `${name}(...) needs ${what}, got ${this.describe(t)}`,
        e.args[i]!.span,
      );
      return false;
    };
    const num = (t: CheckedType) => t === 'number';
    switch (name) {
      case 'if': {
        want(0, (t) => t === 'boolean', 'a condition first');
        return this.unify(args.slice(1), e.args.slice(1), name);
      }
      case 'coalesce':
      case 'least':
      case 'greatest':
        return this.unify(args, e.args, name);
      case 'abs':
      case 'round':
      case 'floor':
      case 'ceil':
      case 'sqrt':
      case 'previous_period':
      case 'year_to_date':
      case 'same_period_last_year':
      case 'to_date':
        for (let i = 0; i < args.length; i++) want(i, num, 'a number');
        return NUMBER;
      case 'days_between':
      case 'hours_between':
      case 'minutes_between':
        want(0, isTemporal, 'a date');
        want(1, isTemporal, 'a date');
        return NUMBER;
      case 'add_days':
        want(0, isTemporal, 'a date');
        want(1, num, 'a number of days');
        return { type: args[0]!.type === 'datetime' ? 'datetime' : 'date' };
      case 'year':
      case 'quarter':
      case 'month':
      case 'day_of_week':
      case 'hour':
        want(0, isTemporal, 'a date');
        return NUMBER;
      case 'period_start':
      case 'period_end':
        return { type: 'date' };
      case 'period_days':
        return NUMBER;
      case 'in_period':
        want(0, isTemporal, 'a date');
        return BOOLEAN;
      default:
        return this.report('FORMULA.INTERNAL', `No type rule for ${name}`, e.span);
    }
  }

  /** Arguments that must share one type (if branches, coalesce, least/greatest). */
  private unify(args: readonly TypeInfo[], exprs: readonly Expr[], name: string): TypeInfo {
    let t: TypeInfo | null = null;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.type === 'error') return ERROR;
      if (a.type === 'null') continue;
      if (t === null) t = a;
      else if (t.type !== a.type && !(isTemporal(t.type) && isTemporal(a.type))) {
        return this.report(
          'FORMULA.TYPE_MISMATCH',
          `${name}(...) arguments must have one type: ${this.describe(t)} and ${this.describe(a)}`,
          exprs[i]!.span,
        );
      }
    }
    if ((name === 'least' || name === 'greatest') && t && t.type !== 'number' && !isTemporal(t.type)) {
      return this.report('FORMULA.TYPE_MISMATCH', `${name}(...) needs numbers or dates`, exprs[0]!.span);
    }
    return t ?? { type: 'null' };
  }

  private kpiCall(e: Call): TypeInfo {
    const a = e.args[0]!;
    if (a.kind !== 'string') {
      return this.report(
        'FORMULA.NOT_CONSTANT',
        "kpi(...) needs the KPI id as a string literal, e.g. kpi('revenue')",
        a.span,
      );
    }
    const ids = this.options.kpiIds;
    if (ids && !ids.has(a.value)) {
      const s = suggest(a.value, ids);
      return this.report('FORMULA.UNKNOWN_KPI', `Unknown KPI '${a.value}'.${didYouMean(s)}`, a.span, s);
    }
    this.kpiRefs.push({ id: a.value, span: a.span });
    return NUMBER;
  }
}
