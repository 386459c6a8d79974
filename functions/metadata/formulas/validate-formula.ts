/**
 * Validating a formula: parse, type-check against the object model, cycle check, requirements. A formula
 * that does not check is 422 `FORMULA.INVALID` with its positioned diagnostics — never a 500, whatever the
 * text (the engine never throws; a bug in it is still reported as a diagnostic, not a crash).
 */
import type { Diagnostic } from '@kpi/shared/domain/formula/diagnostics';
import { positionOf } from '@kpi/shared/domain/formula/diagnostics';
import type { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import { printFormula } from '@kpi/shared/domain/formula/printer';
import type { Requirements } from '@kpi/shared/domain/formula/requirements';
import { unprocessable } from '@kpi/shared/platform/errors';

export const FORMULA_INVALID = 'FORMULA.INVALID';

/** A formula that checks. */
export interface ValidFormula {
  readonly ok: true;
  readonly diagnostics: readonly Diagnostic[];
  /** Canonical form of the formula. */
  readonly formulaPretty: string;
  readonly requirements: Requirements;
}

/** The diagnostics of a text, without throwing: the engine's, or one internal one if the engine failed. */
export function diagnose(
  engine: FormulaEngine,
  source: string,
  selfId?: string,
): { diagnostics: readonly Diagnostic[]; valid?: ValidFormula } {
  try {
    const r = engine.check(source, selfId ? { selfId } : {});
    if (!r.ok || !r.ast) return { diagnostics: r.diagnostics };
    const requirements = r.requirements ?? { objects: [], relationships: [], kpis: [] };
    return {
      diagnostics: [],
      valid: { ok: true, diagnostics: [], formulaPretty: printFormula(r.ast), requirements },
    };
  } catch (err) {
    const { line, column } = positionOf(source, 0);
    const d: Diagnostic = {
      code: 'FORMULA.INTERNAL',
      severity: 'error',
      message: `The formula could not be checked: ${(err as Error).message ?? String(err)}`,
      offset: 0,
      length: source.length,
      line,
      column,
    };
    return { diagnostics: [d] };
  }
}

/** The checked formula, or 422 `FORMULA.INVALID` with `details.diagnostics`. */
export function validateFormula(engine: FormulaEngine, source: string, selfId?: string): ValidFormula {
  const { diagnostics, valid } = diagnose(engine, source, selfId);
  if (valid) return valid;
  const first = diagnostics[0];
  throw unprocessable(
    FORMULA_INVALID,
    first
      ? `The formula is not valid: ${first.message} (line ${first.line}, column ${first.column})`
      : 'The formula is not valid',
    { diagnostics },
  );
}
