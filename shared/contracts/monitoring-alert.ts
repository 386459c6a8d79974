/**
 * Alerts: one per rule and deployment while open; open → acknowledged (with a comment) → resolved
 * (automatically on recovery, or by hand). Container `alerts`, partition key `/tenantId`; the reminder
 * sweep queries `remindAt` across partitions.
 */
import { z } from 'zod';

export const ALERT_RULES = [
  'heartbeat-missing',
  'error-rate',
  'latency-p95',
  'memory',
  'data-freshness',
  'app-version',
  'license-expiring',
  'license-expired',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const alertSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  /** The deployment, or `license:<licenseId>` for licence alerts. */
  deploymentId: z.string(),
  rule: z.enum(ALERT_RULES),
  severity: z.enum(SEVERITIES),
  state: z.enum(ALERT_STATES),
  /** What was observed and against what, in words. */
  summary: z.string(),
  observed: z.number().optional(),
  threshold: z.number().optional(),
  openedAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().optional(),
  acknowledgedBy: z.string().optional(),
  comment: z.string().optional(),
  resolvedAt: z.iso.datetime().optional(),
  /** `auto` when recovery resolved it, else the user's e-mail. */
  resolvedBy: z.string().optional(),
  /** Next reminder for an alert left open (absent when acknowledged or resolved). */
  remindAt: z.iso.datetime().optional(),
  reminders: z.number().int().min(0).default(0),
  /** Extra recipients of this alert's e-mails (licence contacts for licence alerts). */
  notify: z.array(z.string()).max(20).optional(),
  /** Opened while the deployment was flapping: notifications are held back. */
  flapping: z.boolean().default(false),
  updatedAt: z.iso.datetime(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListSchema = z.object({
  items: z.array(alertSchema),
  continuationToken: z.string().optional(),
});

export const acknowledgeAlertSchema = z.object({ comment: z.string().trim().min(1).max(1000) });
export const resolveAlertSchema = z.object({ comment: z.string().trim().max(1000).optional() });
