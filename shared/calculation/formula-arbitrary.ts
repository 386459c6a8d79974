import fc from 'fast-check';
import type { DataObject, Field } from '../domain/catalog/types';

/**
 * Random well-typed formulas over the object model (for property tests): aggregations with
 * `where` and `distinct` over chosen objects, to-one paths, scalar and date functions, period
 * functions and kpi() references. Every generated formula type-checks (the test asserts it).
 */
export interface FormulaArbitraryOptions {
  readonly objects: readonly DataObject[];
  /** Objects the aggregations iterate. */
  readonly iterate: readonly string[];
  /** KPI ids that kpi('...') may reference. */
  readonly kpiIds: readonly string[];
}

interface Member {
  readonly path: string;
  readonly field: Field;
}

const NUMERIC = new Set(['integer', 'decimal', 'money']);

export function formulaArbitrary(options: FormulaArbitraryOptions): fc.Arbitrary<string> {
  const byName = new Map(options.objects.map((o) => [o.name, o]));
  /** Fields of an object and of the objects its to-one relationships reach (one hop). */
  const members = (o: DataObject): Member[] => {
    const own = o.fields.map((f) => ({ path: `${o.name}.${f.name}`, field: f }));
    const hops = o.relationships
      .filter((r) => r.cardinality === '1..1' || r.cardinality === '0..1')
      .flatMap((r) =>
        (byName.get(r.target)?.fields ?? []).map((f) => ({
          path: `${o.name}.${r.name}.${f.name}`,
          field: f,
        })),
      );
    return [...own, ...hops];
  };
  const perObject = options.iterate.map((name) => {
    const o = byName.get(name);
    if (!o) throw new Error(`unknown object ${name}`);
    const m = members(o);
    const pick = (ok: (f: Field) => boolean) => m.filter((x) => ok(x.field));
    return {
      name,
      key: `${name}.${o.primaryKey[0]}`,
      nums: pick((f) => NUMERIC.has(f.type)).map((x) => x.path),
      dates: pick((f) => f.type === 'date' || f.type === 'datetime').map((x) => x.path),
      bools: pick((f) => f.type === 'boolean').map((x) => x.path),
      enums: pick((f) => f.type === 'enum').map((x) => ({ path: x.path, values: x.field.values ?? [] })),
      strings: pick((f) => f.type === 'string').map((x) => x.path),
    };
  });

  const literal = fc.oneof(
    fc.integer({ min: 0, max: 20 }).map(String),
    fc.constantFrom('0.5', '2.5', '100', '0', '1000.25'),
  );

  const rowArbitraries = (o: (typeof perObject)[number]) => {
    const tie = fc.letrec<{ num: string; date: string; bool: string }>((t) => ({
      num: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...o.nums),
        literal,
        fc
          .tuple(t('num'), fc.constantFrom('+', '-', '*', '/', '%'), t('num'))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        t('num').map((a) => `-(${a})`),
        fc.tuple(fc.constantFrom('abs', 'floor', 'ceil', 'sqrt'), t('num')).map(([f, a]) => `${f}(${a})`),
        fc.tuple(t('num'), fc.integer({ min: 0, max: 3 })).map(([a, d]) => `round(${a}, ${d})`),
        fc.tuple(t('bool'), t('num'), t('num')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
        fc.tuple(t('num'), t('num')).map(([a, b]) => `coalesce(${a}, ${b})`),
        fc
          .tuple(fc.constantFrom('least', 'greatest'), t('num'), t('num'))
          .map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc
          .tuple(fc.constantFrom('days_between', 'hours_between', 'minutes_between'), t('date'), t('date'))
          .map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc
          .tuple(fc.constantFrom('year', 'quarter', 'month', 'day_of_week', 'hour'), t('date'))
          .map(([f, a]) => `${f}(${a})`),
        fc.constant('period_days()'),
      ),
      date: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...o.dates),
        fc.constantFrom('period_start()', 'period_end()', "date('2024-02-29')", "date('2023-12-31')"),
        fc.tuple(t('date'), t('num')).map(([d, n]) => `add_days(${d}, ${n})`),
      ),
      bool: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        ...(o.bools.length ? [fc.constantFrom(...o.bools)] : []),
        fc
          .tuple(t('num'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), t('num'))
          .map(([a, op, b]) => `${a} ${op} ${b}`),
        fc
          .tuple(t('date'), fc.constantFrom('<', '<=', '>', '>=', '=', '!='), t('date'))
          .map(([a, op, b]) => `${a} ${op} ${b}`),
        ...(o.enums.length
          ? [
              fc
                .constantFrom(...o.enums)
                .chain((e) =>
                  fc
                    .tuple(fc.constantFrom('=', '!='), fc.constantFrom(...e.values))
                    .map(([op, v]) => `${e.path} ${op} '${v}'`),
                ),
              fc
                .constantFrom(...o.enums)
                .chain((e) =>
                  fc
                    .tuple(fc.boolean(), fc.subarray([...e.values], { minLength: 1 }))
                    .map(
                      ([neg, vs]) =>
                        `${e.path} ${neg ? 'not ' : ''}in (${vs.map((v) => `'${v}'`).join(', ')})`,
                    ),
                ),
            ]
          : []),
        fc
          .tuple(fc.constantFrom(...o.nums, ...o.dates, ...o.bools, ...o.strings), fc.boolean())
          .map(([p, neg]) => `${p} is ${neg ? 'not ' : ''}null`),
        fc.tuple(t('bool'), fc.constantFrom('and', 'or'), t('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        t('bool').map((a) => `not (${a})`),
        t('date').map((d) => `in_period(${d})`),
        fc.constantFrom('true', 'false'),
      ),
    }));
    return tie;
  };
  const rows = perObject.map((o) => ({ o, row: rowArbitraries(o) }));

  const aggregate = fc.constantFrom(...rows).chain(({ o, row }) => {
    const where = fc.option(row.bool, { nil: null, freq: 2 });
    const suffix = (w: string | null) => (w === null ? '' : ` where ${w}`);
    return fc.oneof(
      where.map((w) => `count(${o.name}${suffix(w)})`),
      fc
        .tuple(fc.constantFrom(...o.nums, ...o.dates, ...o.strings, ...o.bools), where)
        .map(([p, w]) => `count(distinct ${p}${suffix(w)})`),
      fc
        .tuple(fc.constantFrom('sum', 'avg', 'min', 'max', 'median', 'count'), row.num, where)
        // A reference names the iterated object even when the value is a literal.
        .map(([f, a, w]) => `${f}(if(${o.key} is null, 0, ${a})${suffix(w)})`),
      fc
        .tuple(row.num, fc.constantFrom(0, 10, 37.5, 90, 100), where)
        .map(([a, p, w]) => `percentile(if(${o.key} is null, 0, ${a})${suffix(w)}, ${p})`),
      fc
        .tuple(fc.constantFrom('min', 'max'), fc.constantFrom(...o.dates), where)
        .map(([f, d, w]) => `days_between(date('2020-01-01'), ${f}(${d}${suffix(w)}))`),
    );
  });

  return fc.letrec<{ num: string; bool: string }>((t) => ({
    num: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      aggregate,
      aggregate,
      literal,
      fc.constant('period_days()'),
      fc
        .tuple(t('num'), fc.constantFrom('+', '-', '*', '/', '%'), t('num'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(
          fc.constantFrom('previous_period', 'same_period_last_year', 'year_to_date', 'to_date'),
          t('num'),
        )
        .map(([f, a]) => `${f}(${a})`),
      ...(options.kpiIds.length ? [fc.constantFrom(...options.kpiIds).map((id) => `kpi('${id}')`)] : []),
      fc.tuple(t('bool'), t('num'), t('num')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
      fc.tuple(t('num'), t('num')).map(([a, b]) => `coalesce(${a}, ${b})`),
      fc.tuple(t('num'), fc.integer({ min: 0, max: 2 })).map(([a, d]) => `round(${a}, ${d})`),
    ),
    bool: fc.oneof(
      fc
        .tuple(t('num'), fc.constantFrom('=', '!=', '<', '>='), t('num'))
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      t('num').map((a) => `${a} is null`),
    ),
  })).num;
}
