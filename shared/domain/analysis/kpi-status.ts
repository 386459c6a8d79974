/**
 * The status band of a KPI value (shared/domain/README.md, "Status bands"): for higher-is-better, value ≥ good
 * is good, value ≤ critical is critical, anything between is warning; mirrored for lower-is-better.
 */
import type { Direction, Thresholds } from '../catalog/types';

export type KpiStatus = 'good' | 'warning' | 'critical' | 'no-value';

export function kpiStatus(value: number | null, direction: Direction, thresholds: Thresholds): KpiStatus {
  if (value === null || !Number.isFinite(value)) return 'no-value';
  if (direction === 'higher-is-better') {
    if (value >= thresholds.good) return 'good';
    if (value <= thresholds.critical) return 'critical';
    return 'warning';
  }
  if (value <= thresholds.good) return 'good';
  if (value >= thresholds.critical) return 'critical';
  return 'warning';
}
