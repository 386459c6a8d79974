import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import type { Dataset } from '@kpi/shared/domain/formula/evaluate';
import { describe, expect, it } from 'vitest';
import { previewFormula } from './preview-formula';
import { validateFormula } from './validate-formula';

const catalog = loadCatalog();
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));

describe('validateFormula', () => {
  it('returns the canonical form and the requirements of a valid formula', () => {
    const r = validateFormula(engine, 'count(Shipment  where deliveredAt<=promisedAt)/count(Shipment)*100');
    expect(r.ok).toBe(true);
    expect(r.formulaPretty).toBe('count(Shipment where deliveredAt <= promisedAt) / count(Shipment) * 100');
    expect(r.requirements.objects.map((o) => o.name)).toEqual(['Shipment']);
  });

  it('throws 422 FORMULA.INVALID with positioned diagnostics for an unknown field', () => {
    try {
      validateFormula(engine, 'sum(Invoice.amountt)');
      expect.unreachable();
    } catch (err) {
      const e = err as {
        httpStatus: number;
        code: string;
        details: { diagnostics: Record<string, unknown>[] };
      };
      expect(e.httpStatus).toBe(422);
      expect(e.code).toBe('FORMULA.INVALID');
      const d = e.details.diagnostics[0]!;
      expect(d).toMatchObject({ code: 'FORMULA.UNKNOWN_FIELD', line: 1, column: 13 });
      expect(d.suggestions).toContain('amount');
    }
  });

  it('reports syntax errors with what was expected, and too-long formulas', () => {
    expect(() => validateFormula(engine, 'sum(Invoice.amount')).toThrow(
      expect.objectContaining({
        httpStatus: 422,
        details: { diagnostics: [expect.objectContaining({ code: 'FORMULA.SYNTAX' })] },
      }),
    );
    expect(() => validateFormula(engine, `1${' + 1'.repeat(1000)}`)).toThrow(
      expect.objectContaining({
        details: { diagnostics: [expect.objectContaining({ code: 'FORMULA.TOO_LONG' })] },
      }),
    );
  });
});

describe('previewFormula', () => {
  const data: Dataset = {
    Shipment: [
      {
        id: 's1',
        shippedAt: Date.UTC(2024, 5, 3),
        promisedAt: Date.UTC(2024, 5, 5),
        deliveredAt: Date.UTC(2024, 5, 4),
      },
      {
        id: 's2',
        shippedAt: Date.UTC(2024, 5, 3),
        promisedAt: Date.UTC(2024, 5, 5),
        deliveredAt: Date.UTC(2024, 5, 9),
      },
      {
        id: 's3',
        shippedAt: Date.UTC(2024, 6, 3),
        promisedAt: Date.UTC(2024, 6, 5),
        deliveredAt: Date.UTC(2024, 6, 9),
      },
    ],
  } as unknown as Dataset;
  const formula = 'count(Shipment where deliveredAt <= promisedAt) / count(Shipment) * 100';

  it('evaluates the formula for the requested month of the given data', () => {
    expect(previewFormula(engine, formula, 'logistics', '2024-06', () => data).value).toBe(50);
    expect(previewFormula(engine, formula, 'logistics', '2024-07', () => data).value).toBe(0);
    expect(previewFormula(engine, formula, 'logistics', '2024-08', () => data).value).toBeNull();
  });

  it('refuses an invalid formula with 422 before evaluating', () => {
    expect(() => previewFormula(engine, 'count(Nope)', 'logistics', '2024-06', () => data)).toThrow(
      expect.objectContaining({ httpStatus: 422 }),
    );
  });
});
