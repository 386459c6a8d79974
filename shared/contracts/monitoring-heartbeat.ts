/**
 * The heartbeat a client deployment posts every 60 s (`POST /api/monitoring/heartbeats`, deployment
 * credential), and the answer it gets: pending remote commands and the server time. Every list and string
 * is bounded so a heartbeat stays small (the route also caps the body at 32 KiB).
 */
import { z } from 'zod';
import { pendingCommandSchema } from './monitoring-command';

/** Limits of a heartbeat payload. */
export const HEARTBEAT_LIMITS = {
  maxBodyBytes: 32 * 1024,
  maxRecentErrors: 20,
  maxErrorMessageChars: 500,
} as const;

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : -');
const ms = z.number().finite().min(0).max(86_400_000);

/** One deduplicated error the deployment saw since the last heartbeat. */
export const recentErrorSchema = z.object({
  /** Stable grouping key (error code or a hash of the message template). */
  key: z.string().min(1).max(200),
  message: z.string().max(HEARTBEAT_LIMITS.maxErrorMessageChars),
  count: z.number().int().min(1).max(1_000_000_000),
  lastAt: z.iso.datetime(),
});
export type RecentError = z.infer<typeof recentErrorSchema>;

/** Process metrics at send time. */
export const processMetricsSchema = z.object({
  cpuPercent: z.number().finite().min(0).max(10_000),
  memoryRssMb: z.number().finite().min(0).max(1_048_576),
  heapUsedMb: z.number().finite().min(0).max(1_048_576),
  eventLoopLagMs: ms,
});

/** Request metrics over the period since the previous heartbeat. */
export const requestMetricsSchema = z
  .object({
    count: z.number().int().min(0).max(1_000_000_000),
    errors: z.number().int().min(0).max(1_000_000_000),
    p50Ms: ms,
    p95Ms: ms,
  })
  .refine((r) => r.errors <= r.count, { message: 'errors cannot exceed count', path: ['errors'] });

/** The heartbeat body. `id` is chosen by the sender: a retried heartbeat keeps its id and is stored once. */
export const heartbeatSchema = z.object({
  id,
  deploymentId: id,
  appVersion: z.string().min(1).max(40),
  catalogVersion: z.string().max(40).optional(),
  uptimeSeconds: z.number().finite().min(0).max(1e10),
  sentAt: z.iso.datetime(),
  process: processMetricsSchema,
  requests: requestMetricsSchema,
  kpiCalculationMs: ms.optional(),
  /** Age of the newest data behind the dashboards. */
  dataFreshnessSeconds: z.number().finite().min(0).max(1e10).optional(),
  recentErrors: z.array(recentErrorSchema).max(HEARTBEAT_LIMITS.maxRecentErrors).default([]),
  /** The licence as the deployment enforces it (client-app; absent from simulated deployments). */
  license: z
    .object({
      state: z.enum(['full', 'grace', 'refused']),
      daysLeft: z.number().int().min(0).max(100_000),
      reasonCode: z.string().max(80).optional(),
    })
    .optional(),
  /** Versions of the deployment's parts, e.g. `{ "client-app": "0.1.0", "node": "22.11.0" }`. */
  components: z.record(id, z.string().max(40)).optional(),
  /** The latest runs of the deployment's jobs (ingestion, calculation) once those apps exist. */
  lastRuns: z
    .array(
      z.object({
        job: id,
        at: z.iso.datetime(),
        ok: z.boolean(),
        durationMs: ms.optional(),
        message: z.string().max(HEARTBEAT_LIMITS.maxErrorMessageChars).optional(),
      }),
    )
    .max(20)
    .optional(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;
export type HeartbeatInput = z.input<typeof heartbeatSchema>;

/** A stored heartbeat: the payload as received, with the receive time and tenant (history, TTL'd). */
export const storedHeartbeatSchema = heartbeatSchema.extend({
  tenantId: z.string(),
  receivedAt: z.iso.datetime(),
});
export type StoredHeartbeat = z.infer<typeof storedHeartbeatSchema>;

/** The answer to a heartbeat. */
export const heartbeatResponseSchema = z.object({
  /** True when this heartbeat id had been received before (a retry): nothing was changed. */
  duplicate: z.boolean(),
  serverTime: z.iso.datetime(),
  /** When the server expects the next heartbeat, in seconds. */
  periodSeconds: z.number().int(),
  commands: z.array(pendingCommandSchema),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;

/** A page of stored heartbeats, newest first. */
export const heartbeatPageSchema = z.object({
  items: z.array(storedHeartbeatSchema),
  continuationToken: z.string().optional(),
});
