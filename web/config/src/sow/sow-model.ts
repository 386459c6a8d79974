/**
 * The SOW page's model: the estimate API's request and answer types, the parameter editing helpers (pure,
 * unit-tested) and the display formats.
 */
import type { estimateResponseSchema, SowFormat } from '@kpi/shared/contracts/demo-config';
import type { EstimateParameters, EstimatePhase } from '@kpi/shared/domain/sow/estimate';
import type { z } from 'zod';

export type EstimateResponse = z.infer<typeof estimateResponseSchema>;
export type { EstimateParameters, EstimatePhase };

/** What the page sends to `estimate`, `sow-preview` and `sows`: the whole parameter set, and an optional dashboard count. */
export interface EstimateRequest {
  parameters: EstimateParameters;
  /** Overrides the dashboard count derived from the KPIs. */
  dashboards?: number;
}

/** The request body (the dashboard override only when set). */
export function requestBody(request: EstimateRequest): {
  parameters: EstimateParameters;
  dashboards?: number;
} {
  return request.dashboards === undefined
    ? { parameters: request.parameters }
    : { parameters: request.parameters, dashboards: request.dashboards };
}

/** Replaces one phase's fields. */
export function updatePhase(
  p: EstimateParameters,
  index: number,
  change: Partial<EstimatePhase>,
): EstimateParameters {
  return { ...p, phases: p.phases.map((ph, i) => (i === index ? { ...ph, ...change } : ph)) };
}

/** Removes a phase (the last one stays: the model needs at least one). */
export function removePhase(p: EstimateParameters, index: number): EstimateParameters {
  if (p.phases.length <= 1) return p;
  return { ...p, phases: p.phases.filter((_, i) => i !== index) };
}

/** Appends a fixed-days phase with an id not used yet, done by the first role of the rate card. */
export function addPhase(p: EstimateParameters): EstimateParameters {
  const ids = new Set(p.phases.map((ph) => ph.id));
  let n = p.phases.length + 1;
  while (ids.has(`phase-${n}`)) n++;
  const role = Object.keys(p.rateCard)[0] ?? 'consultant';
  const phase: EstimatePhase = {
    id: `phase-${n}`,
    name: `Phase ${n}`,
    basis: 'fixed',
    factor: 1,
    role,
    people: 1,
  };
  return { ...p, phases: [...p.phases, phase] };
}

/** Sets a role's day rate. */
export function setRate(p: EstimateParameters, role: string, rate: number): EstimateParameters {
  return { ...p, rateCard: { ...p.rateCard, [role]: rate } };
}

/** The roles that phases name but the rate card lacks (the API would refuse the set). */
export function unpricedRoles(p: EstimateParameters): string[] {
  return [...new Set(p.phases.map((ph) => ph.role))].filter((r) => p.rateCard[r] === undefined);
}

/** Money in the estimate's currency, whole units. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    return `${currency} ${Math.round(amount).toLocaleString('en-GB')}`;
  }
}

/** Days as quoted (quarter days). */
export function formatDays(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(2).replace(/0$/, '');
}

/** `YYYY-MM-DD` as a short date, e.g. `4 Jan 2027` (UTC, as the estimate computes). */
export function formatDate(date: string): string {
  const t = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(t)) return date;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(t);
}

/** The download name of a stored SOW file, e.g. `contoso-plant-analytics-sow-v3.docx`. */
export function sowFileName(configurationId: string, version: number, format: SowFormat): string {
  const safe = configurationId.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${safe}-sow-v${version}.${format}`;
}
