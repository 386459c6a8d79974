/**
 * A deployment as the monitoring service tracks it: its dead-man's-switch status, timing, the latest
 * heartbeat summary and the bookkeeping the sweep and the alert rules need. Container `deployments`,
 * partition key `/tenantId`; the sweep queries `dueAt` across partitions.
 */
import { z } from 'zod';

export const DEPLOYMENT_STATUSES = ['new', 'up', 'late', 'down', 'paused'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Defaults of the heartbeat timing. */
export const DEFAULT_PERIOD_SECONDS = 60;
export const DEFAULT_GRACE_SECONDS = 180;

/** Request counts of one heartbeat, kept for windowed rules (error rate). */
export const requestSampleSchema = z.object({
  at: z.iso.datetime(),
  count: z.number().int().min(0),
  errors: z.number().int().min(0),
  /** The heartbeat the sample came from: a heartbeat is counted once, however often it is replayed. */
  heartbeatId: z.string().optional(),
});
export type RequestSample = z.infer<typeof requestSampleSchema>;

/** The latest heartbeat, summarised. */
export const heartbeatSummarySchema = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime(),
  /** The sender's send time: an older heartbeat never replaces a newer one (absent on old documents). */
  sentAt: z.iso.datetime().optional(),
  appVersion: z.string(),
  catalogVersion: z.string().optional(),
  uptimeSeconds: z.number(),
  cpuPercent: z.number(),
  memoryRssMb: z.number(),
  eventLoopLagMs: z.number(),
  requestCount: z.number(),
  errorCount: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  kpiCalculationMs: z.number().optional(),
  dataFreshnessSeconds: z.number().optional(),
  recentErrors: z
    .array(z.object({ key: z.string(), message: z.string(), count: z.number(), lastAt: z.string() }))
    .default([]),
});
export type HeartbeatSummary = z.infer<typeof heartbeatSummarySchema>;

export const deploymentSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string().max(200).optional(),
  status: z.enum(DEPLOYMENT_STATUSES),
  statusSince: z.iso.datetime(),
  periodSeconds: z.number().int().min(10).max(86_400),
  graceSeconds: z.number().int().min(0).max(604_800),
  /** When the next status change is due if no heartbeat arrives (absent: nothing due). */
  dueAt: z.iso.datetime().optional(),
  lastHeartbeatAt: z.iso.datetime().optional(),
  lastHeartbeat: heartbeatSummarySchema.optional(),
  /** Request counts of recent heartbeats, newest last, capped. */
  recentRequests: z.array(requestSampleSchema).default([]),
  /** Times of recent status changes between up and down/late, newest last (flap detection). */
  recentTransitions: z.array(z.iso.datetime()).default([]),
  flapping: z.boolean().default(false),
  /** The open (or acknowledged) alert id per rule: at most one per rule. */
  openAlerts: z.record(z.string(), z.string()).default({}),
  /** True while remote commands may be waiting: heartbeats only look for commands then. */
  commandsPending: z.boolean().default(false),
  /** Counter behind deterministic alert ids. */
  alertSeq: z.number().int().min(0).default(0),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** `PUT /tenants/{tenantId}/deployments/{deploymentId}`: register or change a deployment's settings. */
export const deploymentSettingsSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  periodSeconds: z.number().int().min(10).max(86_400).optional(),
  graceSeconds: z.number().int().min(0).max(604_800).optional(),
});
export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

export const deploymentListSchema = z.object({
  items: z.array(deploymentSchema),
  continuationToken: z.string().optional(),
});
