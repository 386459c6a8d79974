/**
 * Tenant-editable monitoring rules: alert thresholds (defaults + per-tenant overrides), silences,
 * maintenance windows and notification contacts. Times are ISO 8601 UTC; a recurring schedule is a
 * 5-field cron expression (start of each occurrence) in a time zone plus a duration.
 */
import { z } from 'zod';
import { ALERT_RULES, SEVERITIES } from './monitoring-alert';

/** Thresholds of the metric rules. */
export const thresholdsSchema = z.object({
  /** Error rate (errors / requests) over `errorRateWindowMinutes`, 0..1. */
  errorRate: z.number().min(0).max(1),
  errorRateWindowMinutes: z.number().int().min(1).max(1440),
  /** Requests below this in the window do not judge the error rate (too few to mean anything). */
  errorRateMinRequests: z.number().int().min(0),
  latencyP95Ms: z.number().min(1),
  memoryRssMb: z.number().min(1),
  dataFreshnessSeconds: z.number().min(1),
  /** Lowest supported app version (semver); absent: no check. */
  minAppVersion: z.string().max(40).optional(),
  /** Minutes between reminders of an alert left open. */
  reminderMinutes: z.number().int().min(5).max(10_080),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  errorRate: 0.05,
  errorRateWindowMinutes: 5,
  errorRateMinRequests: 20,
  latencyP95Ms: 2000,
  memoryRssMb: 1536,
  dataFreshnessSeconds: 6 * 3600,
  reminderMinutes: 240,
};

/** A tenant's overrides (any subset). */
export const thresholdOverridesSchema = thresholdsSchema.partial();
export type ThresholdOverrides = z.infer<typeof thresholdOverridesSchema>;

/** A recurring schedule: occurrences start at each `cron` time in `timeZone` and last `durationMinutes`. */
export const recurrenceSchema = z.object({
  cron: z
    .string()
    .trim()
    .regex(/^\S+( \S+){4}$/, 'a 5-field cron expression (minute hour day month weekday)'),
  timeZone: z.string().min(1).max(64).default('UTC'),
  durationMinutes: z.number().int().min(1).max(10_080),
});
export type Recurrence = z.infer<typeof recurrenceSchema>;

/**
 * When something applies: from `startsAt` to `endsAt` (one-off), or — with `recurrence` — during each
 * occurrence between `startsAt` and `endsAt` (either may be absent for a recurring schedule).
 */
export const scheduleSchema = z
  .object({
    startsAt: z.iso.datetime().optional(),
    endsAt: z.iso.datetime().optional(),
    recurrence: recurrenceSchema.optional(),
  })
  .refine((s) => s.recurrence || (s.startsAt && s.endsAt), {
    message: 'a one-off schedule needs startsAt and endsAt',
  })
  .refine((s) => !s.startsAt || !s.endsAt || s.startsAt < s.endsAt, {
    message: 'startsAt must be before endsAt',
  });
export type Schedule = z.infer<typeof scheduleSchema>;

/** Label names an alert can be matched on. */
export const MATCHER_LABELS = ['deploymentId', 'rule', 'severity'] as const;
export const matcherSchema = z.object({
  label: z.enum(MATCHER_LABELS),
  /** `=` equal, `!=` not equal, `=~` full-match regular expression, `!~` its negation. */
  op: z.enum(['=', '!=', '=~', '!~']),
  value: z.string().min(1).max(200),
});
export type Matcher = z.infer<typeof matcherSchema>;

const silenceBody = {
  matchers: z.array(matcherSchema).min(1).max(20),
  schedule: scheduleSchema,
  comment: z.string().trim().min(1).max(1000),
};
export const silenceInputSchema = z.object(silenceBody);
export const silenceSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  ...silenceBody,
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** Set by an edit (PUT); the id, creator and creation time stay. */
  updatedBy: z.string().optional(),
  updatedAt: z.iso.datetime().optional(),
});
export type Silence = z.infer<typeof silenceSchema>;

const windowBody = {
  /** The deployments it covers; empty: every deployment of the tenant. */
  deploymentIds: z.array(z.string().min(1).max(100)).max(500).default([]),
  schedule: scheduleSchema,
  reason: z.string().trim().min(1).max(1000),
};
export const maintenanceWindowInputSchema = z.object(windowBody);
export const maintenanceWindowSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  ...windowBody,
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** Set by an edit (PUT); the id, creator and creation time stay. */
  updatedBy: z.string().optional(),
  updatedAt: z.iso.datetime().optional(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

/** Who is notified about a tenant's alerts, besides vendor support. */
export const contactsInputSchema = z.object({
  emails: z.array(z.email().max(254)).max(20),
  /** Which severities reach the tenant's contacts. */
  severities: z.array(z.enum(SEVERITIES)).min(1).default(['critical', 'warning']),
});

/**
 * The vendor's account managers, who receive their tenants' licence e-mails (renewal reminders):
 * one per tenant, or the default. Kept in the vendor settings document.
 */
export const accountManagersSchema = z.object({
  default: z.email().max(254).optional(),
  byTenant: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), z.email().max(254)).default({}),
});
export type AccountManagers = z.infer<typeof accountManagersSchema>;

/** A tenant's monitoring settings document (container `monitoring-settings`, id `settings`). */
export const monitoringSettingsSchema = z.object({
  id: z.literal('settings'),
  tenantId: z.string(),
  thresholds: thresholdOverridesSchema.default({}),
  contacts: contactsInputSchema.default({ emails: [], severities: ['critical', 'warning'] }),
  /** Rules switched off for this tenant. */
  disabledRules: z.array(z.enum(ALERT_RULES)).default([]),
  /** Vendor settings only (tenant `_vendor`). */
  accountManagers: accountManagersSchema.optional(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

/** Names of the thresholds. */
export const THRESHOLD_KEYS = thresholdsSchema.keyof().options;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

export const monitoringSettingsInputSchema = z.object({
  /** Overrides to set; merged over the stored ones. */
  thresholds: thresholdOverridesSchema.optional(),
  /** Overrides to remove (back to the default), applied after `thresholds`. */
  resetThresholds: z.array(thresholdsSchema.keyof()).max(THRESHOLD_KEYS.length).optional(),
  contacts: contactsInputSchema.optional(),
  disabledRules: z.array(z.enum(ALERT_RULES)).max(ALERT_RULES.length).optional(),
});

/** `PUT vendor/settings`: the tenant settings plus the account managers. */
export const vendorSettingsInputSchema = monitoringSettingsInputSchema.extend({
  accountManagers: accountManagersSchema.optional(),
});
