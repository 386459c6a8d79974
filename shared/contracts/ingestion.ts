/**
 * Contracts of the ingestion app (issue 14): runs (full refresh or incremental by cursor) per published
 * mapping, their history and progress, the quarantine, push keys and real-time record pushes, and the
 * run-request message other apps (client-app's `run-ingestion` command) put on the queue `ingestion-requests`.
 */
import { z } from 'zod';
import { entityIdSchema } from './ids';
import { objectNameSchema } from './mapping';

export const INGESTION_LIMITS = {
  /** Records of one push call. */
  pushRecords: 1_000,
  /** Rows a run reads per batch (one Parquet file and, for incremental runs, one manifest swap each). */
  defaultBatchSize: 5_000,
  maxBatchSize: 10_000,
  /** Quarantined rows kept per run (the counts stay exact beyond it). */
  quarantineRowsPerRun: 10_000,
} as const;

/** The queue the run requests arrive on (HTTP `POST runs`, the scheduler and client-app's command). */
export const INGESTION_REQUESTS_QUEUE = 'ingestion-requests';

export const runModeSchema = z.enum(['full', 'incremental']);
export type RunMode = z.infer<typeof runModeSchema>;

export const runStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

const cursorValueSchema = z.union([z.string().max(100), z.number()]);

/** `POST /api/ingestion/runs`: run one published mapping now. */
export const startRunSchema = z
  .object({
    mappingId: entityIdSchema,
    /** Default: incremental when the mapping has a cursor column and a stored cursor, else full. */
    mode: runModeSchema.optional(),
    /** The source column an incremental run follows; kept for the mapping's later runs. */
    cursorField: z.string().min(1).max(128).optional(),
    batchSize: z.number().int().min(1).max(INGESTION_LIMITS.maxBatchSize).optional(),
  })
  .strict();
export type StartRun = z.infer<typeof startRunSchema>;

/** The message on `ingestion-requests` (messageId = runId: a redelivered request runs once). */
export const runRequestMessageSchema = z.object({
  runId: entityIdSchema,
  mappingId: entityIdSchema,
  mode: runModeSchema.optional(),
  cursorField: z.string().min(1).max(128).optional(),
  batchSize: z.number().int().min(1).max(INGESTION_LIMITS.maxBatchSize).optional(),
  trigger: z.enum(['http', 'schedule', 'command']),
  requestedBy: z.string().max(320),
});
export type RunRequestMessage = z.infer<typeof runRequestMessageSchema>;

export const runErrorSchema = z.object({ code: z.string(), message: z.string(), at: z.string() });

/** One run as stored and answered. `rowsRead = rowsWritten + rowsQuarantined` once it ends. */
export const ingestionRunSchema = z.object({
  id: entityIdSchema,
  mappingId: z.string(),
  mappingVersion: z.number().int().optional(),
  sourceId: z.string(),
  object: z.string(),
  stream: z.string(),
  mode: runModeSchema,
  status: runStatusSchema,
  trigger: z.enum(['http', 'schedule', 'command', 'replay']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** The last progress write of a running run (a stale one may be taken over by a redelivery). */
  heartbeatAt: z.string().optional(),
  cursorField: z.string().optional(),
  cursorBefore: cursorValueSchema.optional(),
  cursorAfter: cursorValueSchema.optional(),
  rowsRead: z.number().int(),
  rowsWritten: z.number().int(),
  rowsQuarantined: z.number().int(),
  batches: z.number().int(),
  /** Rows read per second so far. */
  rate: z.number().optional(),
  /** Seconds left, from the last complete run's row count (absent when unknown). */
  etaSeconds: z.number().optional(),
  durationMs: z.number().int().optional(),
  manifestVersion: z.number().int().optional(),
  attempts: z.number().int(),
  errors: z.array(runErrorSchema),
  batchSize: z.number().int().optional(),
});
export type IngestionRun = z.infer<typeof ingestionRunSchema>;

export const runPageSchema = z.object({
  items: z.array(ingestionRunSchema),
  continuationToken: z.string().optional(),
});

/** A quarantined row: every failing field, and the source row kept for a replay. */
export const quarantinedRowSchema = z.object({
  id: z.string(),
  mappingId: z.string(),
  runId: z.string(),
  object: z.string(),
  /** 1-based row number within the run (or push batch). */
  row: z.number().int(),
  errors: z.array(
    z.object({
      field: z.string(),
      value: z.string().nullable(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  record: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'replayed']),
  at: z.string(),
});
export type QuarantinedRow = z.infer<typeof quarantinedRowSchema>;

export const quarantinePageSchema = z.object({
  items: z.array(quarantinedRowSchema),
  continuationToken: z.string().optional(),
});

export const replaySchema = z.object({ mappingId: entityIdSchema }).strict();
export const replayResultSchema = z.object({
  runId: z.string(),
  replayed: z.number().int(),
  written: z.number().int(),
  stillFailing: z.number().int(),
  manifestVersion: z.number().int().optional(),
});

/** `POST push-keys`: a key for one source to push records with. */
export const createPushKeySchema = z
  .object({ sourceId: entityIdSchema, name: z.string().min(1).max(100) })
  .strict();
export const pushKeyViewSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
});
export type PushKeyView = z.infer<typeof pushKeyViewSchema>;
/** Answered once, at creation: the secret is never shown again (only its hash is stored). */
export const createdPushKeySchema = pushKeyViewSchema.extend({
  /** Send as `Authorization: PushKey <key>`. */
  key: z.string(),
});

const fieldValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** `POST objects/{Object}/records`: source-shaped records, mapped by the source's published mapping. */
export const pushRecordsSchema = z
  .object({
    /** Idempotency: a retried batch with the same id adds nothing (or send an `Idempotency-Key` header). */
    batchId: entityIdSchema.optional(),
    records: z
      .array(z.record(z.string().max(300), fieldValue))
      .min(1)
      .max(INGESTION_LIMITS.pushRecords),
  })
  .strict();
export type PushRecords = z.infer<typeof pushRecordsSchema>;

export const pushResultSchema = z.object({
  batchId: z.string(),
  object: objectNameSchema,
  accepted: z.number().int(),
  quarantined: z.number().int(),
  manifestVersion: z.number().int(),
  /** True when the batch had already been taken: nothing was added this time. */
  duplicate: z.boolean(),
});
export type PushResult = z.infer<typeof pushResultSchema>;
