/**
 * The client deployment's lake and the events around it: what ingestion writes and calculation reads
 * (DESIGN.md "The client deployment"). Parquet files live in the deployment's Blob storage under
 * `lake/<Object>/…`; which files are live is said by one manifest per object in Cosmos DB, so a reader never
 * sees a half-written load: a load writes its files first, then swaps the manifest with `If-Match`.
 */
import { z } from 'zod';
import { eventEnvelopeSchema } from './platform-events';

/** The Blob container of the lake, and the prefix of an object's files in it. */
export const LAKE_CONTAINER = 'lake';
export const lakePrefix = (object: string) => `${object}/`;

const objectName = z.string().regex(/^[A-Z][A-Za-z0-9]{0,79}$/);
const isoInstant = z.string().datetime({ offset: true });

/** The closed time range `[from, to]` of the records a load touched, by the object's time field. */
export const timeRangeSchema = z
  .object({ from: isoInstant, to: isoInstant })
  .refine((r) => Date.parse(r.from) <= Date.parse(r.to), 'from must not be after to');
export type TimeRange = z.infer<typeof timeRangeSchema>;

/** One live Parquet file of an object. */
export const lakeFileSchema = z.object({
  /** Blob name in the lake container: `<Object>/<runId>-<n>.parquet`. */
  path: z.string().min(1).max(1024),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** The run (load, push batch, compaction) that wrote it. */
  writtenBy: z.string().min(1).max(200),
  writtenAt: isoInstant,
  /** The records' time range, when the object has a time field and the file has rows. */
  timeRange: timeRangeSchema.optional(),
});
export type LakeFile = z.infer<typeof lakeFileSchema>;

/**
 * The manifest of one object: its live files. `version` grows by one with every swap; results name the
 * versions they were computed from. `keysUnique`: no key appears in two live files (after a full refresh or
 * a compaction), so a reader may skip de-duplicating by key; false once an upsert appends a file that may
 * repeat keys of another.
 */
export const lakeManifestSchema = z.object({
  id: objectName,
  object: objectName,
  version: z.number().int().nonnegative(),
  files: z.array(lakeFileSchema),
  keysUnique: z.boolean(),
  rows: z.number().int().nonnegative(),
  updatedAt: isoInstant,
  /**
   * Files taken out of the live set by a swap, kept for a grace period because a reader may still hold the
   * previous manifest; the writer deletes them (and drops them here) at a later swap once the grace is over.
   */
  retired: z.array(z.object({ path: z.string().min(1).max(1024), retiredAt: isoInstant })).optional(),
});
export type LakeManifest = z.infer<typeof lakeManifestSchema>;

/** Topic of the ingestion app's events; the calculation app subscribes. */
export const INGESTION_EVENTS_TOPIC = 'ingestion-events';

/** `ingestion.completed`: a load of one mapping (source × object) finished and its manifest swap landed. */
export const ingestionCompletedSchema = eventEnvelopeSchema.extend({
  type: z.literal('ingestion.completed'),
  data: z.object({
    runId: z.string().min(1).max(200),
    object: objectName,
    sourceId: z.string().min(1).max(128),
    mappingId: z.string().min(1).max(200),
    mode: z.enum(['full', 'incremental']),
    rowsWritten: z.number().int().nonnegative(),
    rowsQuarantined: z.number().int().nonnegative(),
    /** The time range the load touched; absent when it wrote nothing or the object has no time field. */
    timeRange: timeRangeSchema.optional(),
    manifestVersion: z.number().int().nonnegative(),
    completedAt: isoInstant,
  }),
});
export type IngestionCompleted = z.infer<typeof ingestionCompletedSchema>;

/** `records.appended`: pushed records (real-time intake) landed in the lake. */
export const recordsAppendedSchema = eventEnvelopeSchema.extend({
  type: z.literal('records.appended'),
  data: z.object({
    batchId: z.string().min(1).max(200),
    object: objectName,
    sourceId: z.string().min(1).max(128),
    rows: z.number().int().nonnegative(),
    timeRange: timeRangeSchema.optional(),
    manifestVersion: z.number().int().nonnegative(),
    appendedAt: isoInstant,
  }),
});
export type RecordsAppended = z.infer<typeof recordsAppendedSchema>;

/** Either event on `ingestion-events`. */
export const lakeChangeSchema = z.discriminatedUnion('type', [
  ingestionCompletedSchema,
  recordsAppendedSchema,
]);
export type LakeChange = z.infer<typeof lakeChangeSchema>;
