/** A KPI's value for one period split by a dimension (drill-down), capped at `maxGroups` plus "other". */

import { DimensionError } from '@kpi/shared/calculation/dimension';
import { FormulaNotComputableError } from '@kpi/shared/calculation/kpi-calculator';
import { CALCULATION_ERROR_CODES, type ResultGrain } from '@kpi/shared/contracts/calculation';
import { badRequest, notFound, unprocessable } from '@kpi/shared/platform/errors';
import type { Calculation, SnapshotSource } from '../recompute/calculation';
import { isoDay, periodOfKey } from '../recompute/result-periods';
import { checkOwnTenant, snapshotOf } from './read-results';

export interface BreakdownDeps {
  tenantId: string;
  snapshots: SnapshotSource;
  calculation: Pick<Calculation, 'withEngine'>;
  clock: () => Date;
}

export interface BreakdownRequest {
  kpiId: string;
  dimension: string;
  grain: ResultGrain;
  period: string;
  maxGroups: number;
}

export async function breakdown(deps: BreakdownDeps, caller: { tenantId?: string }, r: BreakdownRequest) {
  checkOwnTenant(caller, deps.tenantId);
  const snapshot = await snapshotOf(deps.snapshots);
  if (!snapshot.selected.has(r.kpiId)) {
    throw notFound(CALCULATION_ERROR_CODES.kpiNotFound, `Not among the entitled KPIs: ${r.kpiId}`);
  }
  const period = periodOfKey(r.grain, r.period, deps.clock());
  if (!period) throw badRequest('CALC.BAD_PERIOD', `No ${r.grain} period '${r.period}' up to today`);
  const groups = await deps.calculation.withEngine(
    (e) => [...e.snapshot.objects.keys()],
    async (e) => {
      try {
        return await e.calculator.breakdown([{ kpi: r.kpiId }], r.dimension, [period], r.maxGroups);
      } catch (err) {
        if (err instanceof DimensionError)
          throw badRequest(CALCULATION_ERROR_CODES.badDimension, err.message);
        if (err instanceof FormulaNotComputableError)
          throw unprocessable(CALCULATION_ERROR_CODES.formulaInvalid, err.message);
        throw err;
      }
    },
  );
  return {
    kpiId: r.kpiId,
    dimension: r.dimension,
    grain: r.grain,
    periodKey: period.key,
    periodStart: isoDay(period.start),
    periodEnd: isoDay(period.end),
    groups: groups.map((g) => ({
      value: g.value,
      other: g.other,
      records: g.records,
      kpiValue: g.values.get(r.kpiId)?.[0] ?? null,
    })),
  };
}
