/**
 * Random and mutated formulas thrown at the validate endpoint's use case: the answer is always a valid
 * result (200) or a 422 `FORMULA.INVALID` carrying diagnostics with positions inside the text — never
 * anything that the edge would turn into a 500.
 */
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import { isAppError } from '@kpi/shared/platform/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFormula } from './validate-formula';

const catalog = loadCatalog();
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const formulas = catalog.kpis.map((k) => k.formula);

const TOKENS = [
  '(',
  ')',
  ',',
  '.',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '!=',
  '<=',
  '>',
  ' and ',
  ' or ',
  ' not ',
  ' in ',
  ' is null',
  ' where ',
  'distinct ',
  'count(',
  'sum(',
  'avg(',
  'percentile(',
  'median(',
  "kpi('otif-rate')",
  "kpi('x')",
  'if(',
  'coalesce(',
  'days_between(',
  'previous_period(',
  'to_date(',
  'date(',
  "'2024-13-01'",
  "'",
  '"',
  '\\',
  '0',
  '1.5',
  '1e9',
  '99999999999999999999',
  'null',
  'true',
  'Shipment',
  'Invoice.amount',
  'SalesOrderLine.order.customer.segment',
  'deliveredAt',
  'nope',
  'Nope.x',
  '//',
  '\n',
  '\t',
  '\u0000',
  '😀',
  'é',
];

/** One answer of the use case, classified; anything else is a failure of the property. */
function outcome(source: string): 'valid' | 'invalid' {
  try {
    const r = validateFormula(engine, source);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
    return 'valid';
  } catch (err) {
    if (!isAppError(err) || err.httpStatus !== 422 || err.code !== 'FORMULA.INVALID') throw err;
    const { diagnostics } = err.details as {
      diagnostics: { offset: number; length: number; line: number; column: number }[];
    };
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.offset).toBeGreaterThanOrEqual(0);
      expect(d.offset).toBeLessThanOrEqual(source.length);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    return 'invalid';
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string()),
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
);

interface Mutation {
  kind: string;
  at: number;
  len?: number;
  text?: string;
  to?: number;
}

function mutate(source: string, ms: readonly Mutation[]): string {
  let s = source;
  for (const m of ms) {
    const at = s.length ? m.at % (s.length + 1) : 0;
    if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + (m.len ?? 1));
    else if (m.kind === 'insert') s = s.slice(0, at) + (m.text ?? '') + s.slice(at);
    else if (s.length > 1) {
      const to = (m.to ?? 0) % s.length;
      const a = s.split('');
      [a[at % s.length], a[to]] = [a[to] as string, a[at % s.length] as string];
      s = a.join('');
    }
  }
  return s;
}

describe('validate never fails with anything but 422', () => {
  it('mutated catalog formulas', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...formulas),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (f, ms) => {
          seen.add(outcome(mutate(f, ms)));
        },
      ),
      { numRuns: 1500 },
    );
    // The generator reaches both answers, so the property is not vacuous.
    expect(seen).toEqual(new Set(['valid', 'invalid']));
  });

  it('token soup and arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join('')),
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
        ),
        (s) => {
          outcome(s);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('deep nesting and over-long texts are bounded diagnostics, not stack overflows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom('(', 'sum(', '-', 'not ', 'if(1,'),
        (n, open) => {
          const answer = outcome(`${open.repeat(n)}1`);
          // Unbalanced or deeper than the language allows (40) is always refused.
          if (open.endsWith('(') || n > 45) expect(answer).toBe('invalid');
        },
      ),
      { numRuns: 200 },
    );
  });
});
