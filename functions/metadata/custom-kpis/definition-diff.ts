/** Field-by-field difference between two definitions of a custom KPI. Pure. */
import type { CustomKpiDefinition } from '@kpi/shared/contracts/metadata-custom-kpi';

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

const FIELDS: readonly (keyof CustomKpiDefinition)[] = [
  'name',
  'description',
  'formula',
  'unit',
  'unitLabel',
  'format',
  'direction',
  'target',
  'thresholds',
  'timeGrain',
  'dimensions',
  'tags',
];

/** The fields whose values differ (structural comparison), in a fixed order. */
export function diffDefinitions(
  from: CustomKpiDefinition | undefined,
  to: CustomKpiDefinition,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    const a = from?.[field];
    const b = to[field];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, from: a, to: b });
  }
  return changes;
}
