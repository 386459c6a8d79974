/**
 * The Settings page's drafts (what the inputs hold, as text) and their conversion to the API's input
 * (`PUT monitoring/tenants/{t}/settings`, `PUT monitoring/vendor/settings`). Pure, so it is unit-tested.
 */
import type { Severity } from '@kpi/shared/contracts/monitoring-alert';
import {
  type AccountManagers,
  type MonitoringSettings,
  THRESHOLD_KEYS,
  type ThresholdKey,
  type ThresholdOverrides,
  type Thresholds,
} from '@kpi/shared/contracts/monitoring-rules';
import { ApiError } from '@kpi/web-ui/api';

export interface ThresholdField {
  key: ThresholdKey;
  label: string;
  /** Shown after the input. */
  unit: string;
  /** `percent`: the API holds a fraction (0.05), the input a percentage (5). */
  kind: 'number' | 'integer' | 'percent' | 'version';
}

/** Every threshold, in the order the page lists them. */
export const THRESHOLD_FIELDS: ThresholdField[] = [
  { key: 'errorRate', label: 'Error rate', unit: '%', kind: 'percent' },
  { key: 'errorRateWindowMinutes', label: 'Error-rate window', unit: 'min', kind: 'integer' },
  { key: 'errorRateMinRequests', label: 'Minimum requests in the window', unit: 'requests', kind: 'integer' },
  { key: 'latencyP95Ms', label: 'Latency p95', unit: 'ms', kind: 'number' },
  { key: 'memoryRssMb', label: 'Memory (RSS)', unit: 'MB', kind: 'number' },
  { key: 'dataFreshnessSeconds', label: 'Data freshness', unit: 's', kind: 'number' },
  { key: 'minAppVersion', label: 'Minimum app version', unit: 'semver', kind: 'version' },
  { key: 'reminderMinutes', label: 'Reminder every', unit: 'min', kind: 'integer' },
];

// Every threshold of the contract has a field (a new one must be added above).
const missing = THRESHOLD_KEYS.filter((k) => !THRESHOLD_FIELDS.some((f) => f.key === k));
if (missing.length > 0) throw new Error(`Settings page: no field for thresholds ${missing.join(', ')}`);

/** Threshold inputs by key; '' = not overridden (the default applies). */
export type ThresholdDraft = Record<ThresholdKey, string>;

/** A threshold's value as the input shows it. */
export function displayValue(field: ThresholdField, value: number | string | undefined): string {
  if (value === undefined) return '';
  if (field.kind === 'percent' && typeof value === 'number') return String(Math.round(value * 10_000) / 100);
  return String(value);
}

export function thresholdDraft(overrides: ThresholdOverrides): ThresholdDraft {
  const out = {} as ThresholdDraft;
  for (const f of THRESHOLD_FIELDS) out[f.key] = displayValue(f, overrides[f.key]);
  return out;
}

/** Field errors keyed by the API's path, e.g. `thresholds.latencyP95Ms` or `contacts.emails.1`. */
export type FieldErrors = Record<string, string>;

export interface ThresholdInput {
  thresholds: ThresholdOverrides;
  resetThresholds: ThresholdKey[];
}

/**
 * The overrides to send: filled fields are set, blank ones that were overridden are reset to the
 * default. Text that is not a number is refused here (it cannot be sent); ranges are the API's to judge.
 */
export function thresholdInput(
  draft: ThresholdDraft,
  stored: ThresholdOverrides,
): { input: ThresholdInput; errors: FieldErrors } {
  const thresholds: Record<string, number | string> = {};
  const resetThresholds: ThresholdKey[] = [];
  const errors: FieldErrors = {};
  for (const f of THRESHOLD_FIELDS) {
    const text = draft[f.key].trim();
    if (text === '') {
      if (stored[f.key] !== undefined) resetThresholds.push(f.key);
      continue;
    }
    if (f.kind === 'version') {
      thresholds[f.key] = text;
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) {
      errors[`thresholds.${f.key}`] = 'Enter a number, or leave blank for the default.';
      continue;
    }
    thresholds[f.key] = f.kind === 'percent' ? Math.round(n * 100) / 10_000 : n;
  }
  return { input: { thresholds: thresholds as ThresholdOverrides, resetThresholds }, errors };
}

/** The defaults a tenant's blank field falls back to: built-in, then the vendor's. */
export function effectiveDefaults(builtIn: Thresholds, vendor: ThresholdOverrides | undefined): Thresholds {
  const out: Thresholds = { ...builtIn };
  for (const [k, v] of Object.entries(vendor ?? {})) if (v !== undefined) Object.assign(out, { [k]: v });
  return out;
}

/** E-mail addresses from a textarea: one per line or separated by commas or spaces. */
export function parseEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export interface ContactsDraft {
  emails: string;
  severities: Severity[];
}

export function contactsDraft(settings: MonitoringSettings): ContactsDraft {
  return { emails: settings.contacts.emails.join('\n'), severities: [...settings.contacts.severities] };
}

/** Account managers as rows; an empty row is ignored on save. */
export interface ManagersDraft {
  default: string;
  byTenant: { tenantId: string; email: string }[];
}

export function managersDraft(m: AccountManagers | undefined): ManagersDraft {
  return {
    default: m?.default ?? '',
    byTenant: Object.entries(m?.byTenant ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tenantId, email]) => ({ tenantId, email })),
  };
}

export function managersInput(d: ManagersDraft): { input: AccountManagers; errors: FieldErrors } {
  const byTenant: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const row of d.byTenant) {
    const tenantId = row.tenantId.trim();
    const email = row.email.trim();
    if (!tenantId && !email) continue;
    if (!tenantId) errors[`accountManagers.byTenant.row`] = 'Choose the tenant of every account manager.';
    else if (byTenant[tenantId] !== undefined)
      errors[`accountManagers.byTenant.${tenantId}`] = `${tenantId} is listed twice.`;
    else byTenant[tenantId] = email;
  }
  const def = d.default.trim();
  return { input: { ...(def ? { default: def } : {}), byTenant }, errors };
}

/** The API's validation details (`{ path, message }[]`) by path; other errors under `''`. */
export function apiFieldErrors(err: unknown): FieldErrors {
  if (err instanceof ApiError && Array.isArray(err.details)) {
    const out: FieldErrors = {};
    for (const d of err.details as { path?: unknown; message?: unknown }[]) {
      const path = typeof d.path === 'string' ? d.path : '';
      const message = typeof d.message === 'string' ? d.message : 'Invalid value';
      out[path] = out[path] ? `${out[path]}; ${message}` : message;
    }
    if (Object.keys(out).length > 0) return out;
  }
  const message = err instanceof Error ? err.message : String(err);
  return { '': err instanceof ApiError ? `${message} (${err.code})` : message };
}

/** The first error at `path` or below it (e.g. `contacts.emails` for `contacts.emails.2`). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}
