import type { Expr } from './ast';
import type { Analysis, ResolvedRef } from './checker';
import { DAY_MS, parseIsoDate } from './period';

/** Runtime value. Dates and datetimes are epoch milliseconds (UTC). */
export type Value = number | string | boolean | null;
/** One record of a data object: field name → value (dates as epoch ms, see `normalizeRecords`). */
export type Row = Readonly<Record<string, unknown>>;

/** Per-scan environment: the period being evaluated and key lookups for relationship navigation. */
export interface Env {
  readonly start: number;
  readonly end: number;
  readonly lookups: readonly (ReadonlyMap<unknown, Row> | undefined)[];
}

/**
 * A compiled expression. Inside an aggregation `x` is the record; outside it is the scope frame
 * (see evaluate.ts). One closure per AST node, built once: evaluation allocates nothing per record.
 */
// biome-ignore lint/suspicious/noExplicitAny: one closure type serves records and scope frames; each compiler knows which it passes
export type Fn = (x: any, env: Env) => Value;

/** Hooks the scope compiler provides for nodes that only exist outside aggregations. */
export interface ScopeHooks {
  aggregate(e: Expr & { kind: 'aggregate' }): Fn;
  call(e: Expr & { kind: 'call' }): Fn | undefined;
}

/** Assigns lookup slots to relationship targets (one key map per target object + key field). */
export class LookupSlots {
  readonly slots: { object: string; key: string }[] = [];
  private readonly byName = new Map<string, number>();
  slot(object: string, key: string): number {
    const id = `${object}.${key}`;
    let s = this.byName.get(id);
    if (s === undefined) {
      s = this.slots.length;
      this.slots.push({ object, key });
      this.byName.set(id, s);
    }
    return s;
  }
}

const NULL: Fn = () => null;

export class ExprCompiler {
  constructor(
    private readonly analysis: Analysis,
    private readonly lookups: LookupSlots,
    private readonly hooks: ScopeHooks | null,
  ) {}

  compile(e: Expr): Fn {
    switch (e.kind) {
      case 'number':
      case 'string':
      case 'boolean': {
        const v = e.value;
        return () => v;
      }
      case 'null':
        return NULL;
      case 'ref':
        return this.ref(this.analysis.refs.get(e));
      case 'unary': {
        const f = this.compile(e.operand);
        if (e.op === 'not') return (x, env) => f(x, env) !== true;
        return (x, env) => {
          const v = f(x, env);
          return v === null ? null : -(v as number);
        };
      }
      case 'binary':
        return this.binary(e);
      case 'in': {
        const f = this.compile(e.operand);
        const negated = e.negated;
        if (e.items.every((i) => i.kind === 'number' || i.kind === 'string' || i.kind === 'boolean')) {
          const set = new Set(e.items.map((i) => (i as { value: Value }).value));
          return (x, env) => {
            const v = f(x, env);
            return v !== null && set.has(v) !== negated;
          };
        }
        const items = e.items.map((i) => this.compile(i));
        return (x, env) => {
          const v = f(x, env);
          if (v === null) return false;
          for (const it of items) if (it(x, env) === v) return !negated;
          return negated;
        };
      }
      case 'is-null': {
        const f = this.compile(e.operand);
        return e.negated ? (x, env) => f(x, env) !== null : (x, env) => f(x, env) === null;
      }
      case 'call':
        return this.hooks?.call(e) ?? this.call(e);
      case 'aggregate':
        if (!this.hooks) throw new Error('FORMULA.INTERNAL: aggregation inside an aggregation');
        return this.hooks.aggregate(e);
    }
  }

  private ref(r: ResolvedRef | undefined): Fn {
    if (!r?.field) throw new Error('FORMULA.INTERNAL: unresolved reference');
    const name = r.field.name;
    if (r.hops.length === 0) {
      return (row) => {
        const v = row[name];
        return v === undefined ? null : v;
      };
    }
    const hops = r.hops.map((h) => ({
      fk: h.rel.foreignKey,
      slot: this.lookups.slot(h.rel.target, h.rel.targetKey),
    }));
    if (hops.length === 1) {
      const { fk, slot } = hops[0]!;
      return (row, env) => {
        const k = row[fk];
        if (k == null) return null;
        const t = env.lookups[slot]!.get(k);
        if (t === undefined) return null;
        const v = t[name];
        return v === undefined ? null : (v as Value);
      };
    }
    return (row, env) => {
      let cur: Row = row;
      for (const h of hops) {
        const k: unknown = cur[h.fk];
        if (k == null) return null;
        const next = env.lookups[h.slot]!.get(k);
        if (next === undefined) return null;
        cur = next;
      }
      const v = cur[name];
      return v === undefined ? null : (v as Value);
    };
  }

  /** Field name when `e` is a plain field of the iterated record (enables the fast paths). */
  private plainField(e: Expr): string | null {
    if (e.kind !== 'ref') return null;
    const r = this.analysis.refs.get(e);
    return r?.field && r.hops.length === 0 ? r.field.name : null;
  }

  private binary(e: Expr & { kind: 'binary' }): Fn {
    const op = e.op;
    if (op === 'and' || op === 'or') {
      const l = this.compile(e.left);
      const r = this.compile(e.right);
      return op === 'and'
        ? (x, env) => l(x, env) === true && r(x, env) === true
        : (x, env) => l(x, env) === true || r(x, env) === true;
    }
    if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%')
      return arithmetic(op, this.compile(e.left), this.compile(e.right));
    const lf = this.plainField(e.left);
    const rf = this.plainField(e.right);
    if (lf !== null && rf !== null) return compareFields(op, lf, rf);
    const rc =
      e.right.kind === 'number' || e.right.kind === 'string' || e.right.kind === 'boolean'
        ? e.right.value
        : undefined;
    if (lf !== null && rc !== undefined) return compareFieldConst(op, lf, rc);
    return compare(op, this.compile(e.left), this.compile(e.right));
  }

  private call(e: Expr & { kind: 'call' }): Fn {
    const a = e.args.map((x) => this.compile(x));
    const a0 = a[0] ?? NULL;
    const a1 = a[1] ?? NULL;
    const num1 =
      (fn: (v: number) => number | null): Fn =>
      (x, env) => {
        const v = a0(x, env);
        return v === null ? null : fn(v as number);
      };
    const between =
      (unit: number): Fn =>
      (x, env) => {
        const from = a0(x, env);
        const to = a1(x, env);
        return from === null || to === null ? null : ((to as number) - (from as number)) / unit;
      };
    const datePart = (fn: (d: Date) => number): Fn => num1((v) => fn(new Date(v)));
    switch (e.callee.name) {
      case 'if': {
        const [c, t, f] = a as [Fn, Fn, Fn];
        return (x, env) => (c(x, env) === true ? t(x, env) : f(x, env));
      }
      case 'coalesce':
        return (x, env) => {
          for (const f of a) {
            const v = f(x, env);
            if (v !== null) return v;
          }
          return null;
        };
      case 'abs':
        return num1(Math.abs);
      case 'floor':
        return num1(Math.floor);
      case 'ceil':
        return num1(Math.ceil);
      case 'sqrt':
        return num1((v) => (v < 0 ? null : Math.sqrt(v)));
      case 'round':
        return (x, env) => {
          const v = a0(x, env);
          if (v === null) return null;
          const d = a.length > 1 ? a1(x, env) : 0;
          const p = 10 ** Math.max(0, Math.min(12, Math.trunc((d as number | null) ?? 0)));
          return (Math.sign(v as number) * Math.round(Math.abs(v as number) * p)) / p;
        };
      case 'least':
      case 'greatest': {
        const least = e.callee.name === 'least';
        return (x, env) => {
          let best: number | null = null;
          for (const f of a) {
            const v = f(x, env) as number | null;
            if (v !== null && (best === null || (least ? v < best : v > best))) best = v;
          }
          return best;
        };
      }
      case 'days_between':
        return between(DAY_MS);
      case 'hours_between':
        return between(3_600_000);
      case 'minutes_between':
        return between(60_000);
      case 'add_days':
        return (x, env) => {
          const d = a0(x, env);
          const n = a1(x, env);
          return d === null || n === null ? null : (d as number) + (n as number) * DAY_MS;
        };
      case 'year':
        return datePart((d) => d.getUTCFullYear());
      case 'quarter':
        return datePart((d) => Math.floor(d.getUTCMonth() / 3) + 1);
      case 'month':
        return datePart((d) => d.getUTCMonth() + 1);
      case 'day_of_week':
        return datePart((d) => ((d.getUTCDay() + 6) % 7) + 1);
      case 'hour':
        return datePart((d) => d.getUTCHours());
      case 'date': {
        const v = parseIsoDate((e.args[0] as { value: string }).value) ?? null;
        return () => v;
      }
      case 'period_start':
        return (_x, env) => env.start;
      case 'period_end':
        return (_x, env) => env.end;
      case 'period_days':
        return (_x, env) => (env.end - env.start) / DAY_MS;
      case 'in_period':
        return (x, env) => {
          const v = a0(x, env);
          return v !== null && (v as number) >= env.start && (v as number) < env.end;
        };
      default:
        throw new Error(`FORMULA.INTERNAL: no runtime for ${e.callee.name}`);
    }
  }
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', l: Fn, r: Fn): Fn {
  switch (op) {
    case '+':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return null;
        const b = r(x, env);
        return b === null ? null : (a as number) + (b as number);
      };
    case '-':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return null;
        const b = r(x, env);
        return b === null ? null : (a as number) - (b as number);
      };
    case '*':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return null;
        const b = r(x, env);
        return b === null ? null : (a as number) * (b as number);
      };
    case '/':
      // Division by zero has no value (null), never Infinity or NaN.
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return null;
        const b = r(x, env);
        return b === null || b === 0 ? null : (a as number) / (b as number);
      };
    case '%':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return null;
        const b = r(x, env);
        return b === null || b === 0 ? null : (a as number) % (b as number);
      };
  }
}

type Cmp = '=' | '!=' | '<' | '<=' | '>' | '>=';

// Comparisons with null (a missing value) are false, so a filter drops such records.
function compare(op: string, l: Fn, r: Fn): Fn {
  switch (op as Cmp) {
    case '=':
      return (x, env) => {
        const a = l(x, env);
        return a !== null && a === r(x, env);
      };
    case '!=':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return false;
        const b = r(x, env);
        return b !== null && a !== b;
      };
    case '<':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return false;
        const b = r(x, env);
        return b !== null && a < b;
      };
    case '<=':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return false;
        const b = r(x, env);
        return b !== null && a <= b;
      };
    case '>':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return false;
        const b = r(x, env);
        return b !== null && a > b;
      };
    case '>=':
      return (x, env) => {
        const a = l(x, env);
        if (a === null) return false;
        const b = r(x, env);
        return b !== null && a >= b;
      };
  }
}

function compareFields(op: string, f: string, g: string): Fn {
  switch (op as Cmp) {
    case '=':
      return (r) => {
        const a = r[f];
        return a != null && a === r[g];
      };
    case '!=':
      return (r) => {
        const a = r[f];
        const b = r[g];
        return a != null && b != null && a !== b;
      };
    case '<':
      return (r) => {
        const a = r[f];
        const b = r[g];
        return a != null && b != null && a < b;
      };
    case '<=':
      return (r) => {
        const a = r[f];
        const b = r[g];
        return a != null && b != null && a <= b;
      };
    case '>':
      return (r) => {
        const a = r[f];
        const b = r[g];
        return a != null && b != null && a > b;
      };
    case '>=':
      return (r) => {
        const a = r[f];
        const b = r[g];
        return a != null && b != null && a >= b;
      };
  }
}

function compareFieldConst(op: string, f: string, c: Value): Fn {
  switch (op as Cmp) {
    case '=':
      return (r) => r[f] === c;
    case '!=':
      return (r) => {
        const a = r[f];
        return a != null && a !== c;
      };
    case '<':
      return (r) => {
        const a = r[f];
        return a != null && (a as Value)! < c!;
      };
    case '<=':
      return (r) => {
        const a = r[f];
        return a != null && (a as Value)! <= c!;
      };
    case '>':
      return (r) => {
        const a = r[f];
        return a != null && (a as Value)! > c!;
      };
    case '>=':
      return (r) => {
        const a = r[f];
        return a != null && (a as Value)! >= c!;
      };
  }
}
