import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog';
import type { Diagnostic } from './diagnostics';
import { FormulaEngine } from './engine';
import { parseFormula } from './parser';
import { printFormula } from './printer';

const catalog = loadCatalog();
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const formulas = catalog.kpis.map((k) => k.formula);
const TOKENS = [
  '(',
  ')',
  ',',
  '.',
  'where',
  'distinct',
  'and',
  'or',
  'not',
  'in',
  'is',
  'null',
  '=',
  '<=',
  '+',
  '-',
  '*',
  '/',
  "'x'",
  '"',
  "'",
  '1.5',
  'sum(',
  'count(',
  'kpi(',
  'Invoice',
  'Shipment.',
  'x',
  ' ',
  '\n',
  '//',
  '$',
  '😀',
];

function wellFormed(source: string, d: Diagnostic): void {
  expect(d.code).not.toBe('FORMULA.INTERNAL');
  expect(d.offset).toBeGreaterThanOrEqual(0);
  expect(d.offset + d.length).toBeLessThanOrEqual(source.length);
  expect(d.line).toBeGreaterThanOrEqual(1);
  expect(d.column).toBeGreaterThanOrEqual(1);
  expect(d.message.length).toBeGreaterThan(0);
}

/** The invariant: never throws; either a clean AST (and, when it checks, requirements) or positioned diagnostics. */
function invariant(source: string): void {
  const parsed = parseFormula(source);
  if (parsed.ast) expect(parsed.diagnostics).toEqual([]);
  else expect(parsed.diagnostics.length).toBeGreaterThan(0);
  const checked = engine.check(source);
  if (checked.ok) {
    expect(checked.diagnostics).toEqual([]);
    expect(checked.requirements).not.toBeNull();
  } else expect(checked.diagnostics.length).toBeGreaterThan(0);
  for (const d of checked.diagnostics) wellFormed(source, d);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
);

interface Mutation {
  kind: string;
  at: number;
  len?: number;
  token?: string;
}

function mutate(source: string, ms: readonly Mutation[]): string {
  let s = source;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + (m.len ?? 1));
    else if (m.kind === 'insert') s = s.slice(0, at) + m.token + s.slice(at);
    else if (m.kind === 'swap' && at + 1 < s.length) s = s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
    else if (m.kind === 'dup') s = s.slice(0, at) + s.slice(at, at + (m.len ?? 1)) + s.slice(at);
  }
  return s;
}

describe('parser and type-checker under random input', () => {
  it('never throw on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), invariant), { numRuns: 1500 });
  });

  it('never throw on token soup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(' ')),
        invariant,
      ),
      {
        numRuns: 1500,
      },
    );
  });

  it('never throw on mutated catalog formulas', () => {
    fc.assert(
      fc.property(fc.constantFrom(...formulas), fc.array(mutation, { minLength: 1, maxLength: 4 }), (f, ms) =>
        invariant(mutate(f, ms)),
      ),
      { numRuns: 3000 },
    );
  });

  it('never throw on deeply nested or very long input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom('(', 'not ', '-', 'sum(', 'if(true,'),
        (n, open) => {
          invariant(`${open.repeat(n)}1`);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const ident = fc.constantFrom('a', 'b', 'amount', 'Invoice.amount', 'order.customer.segment');
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.nat({ max: 1000 }).map(String),
    ident,
    fc.constantFrom("'text'", 'true', 'null'),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '=', '<', '>=', 'and', 'or'), tie('e'))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('e').map((a) => `not (${a})`),
    tie('e').map((a) => `-(${a})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `coalesce(${a}, ${b})`),
    fc
      .tuple(fc.constantFrom('sum', 'avg', 'count'), tie('e'), tie('e'))
      .map(([f, a, w]) => `${f}(${a} where ${w})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) in (${b}, 1)`),
    tie('e').map((a) => `(${a}) is not null`),
  ),
})).e;

describe('printer round trip', () => {
  it('print(parse(print(parse(x)))) is stable for generated formulas', () => {
    fc.assert(
      fc.property(expr, (src) => {
        const first = parseFormula(src);
        if (!first.ast) return; // nesting limit reached
        const printed = printFormula(first.ast);
        const second = parseFormula(printed);
        expect(second.diagnostics).toEqual([]);
        expect(printFormula(second.ast!)).toBe(printed);
      }),
      { numRuns: 1000 },
    );
  });
});
