/**
 * A data source as the client deployment keeps it (Cosmos container `sources`, written by the connector app;
 * mapping and ingestion read it). The definition says how to connect (shared/contracts/connector.ts); secrets
 * are never in it: it names Key Vault secrets (`secretRef`), which the connector writes and only shows masked.
 */
import { z } from 'zod';
import { discoveredSchemaSchema, sourceDefinitionSchema, testResultSchema } from './connector';
import { entityIdSchema } from './ids';

export const sourceStatusSchema = z.enum([
  /** Declared in the Config app (or saved without a working test): not read by ingestion yet. */
  'draft',
  /** Tested and discovered: mappings and ingestion may use it. */
  'ready',
  /** The last test or read failed; `lastTest` says why. */
  'failing',
  /** Declared with a type this deployment cannot reach (SQL Server, Dynamics 365, SAP, Salesforce). */
  'unavailable',
]);
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

/** Where a source came from: made in the Client UI, or declared by a consultant in the Config app. */
export const sourceOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client') }),
  z.object({
    kind: z.literal('config'),
    configurationId: z.string().min(1).max(128),
    /** The declaration's id in the Config app (demo-config data source). */
    declaredSourceId: z.string().min(1).max(128),
  }),
]);

export const storedSourceSchema = z.object({
  id: entityIdSchema,
  tenantId: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  status: sourceStatusSchema,
  /** Absent for an `unavailable` or not yet completed draft. */
  definition: sourceDefinitionSchema.optional(),
  /** The declared type when it cannot be connected here (`sqlserver`…); `unavailableReason` says so. */
  declaredType: z.string().max(50).optional(),
  unavailableReason: z.string().max(500).optional(),
  /** Catalog objects the source is said to provide (from the Config app's declaration or the admin). */
  providesObjects: z.array(z.string().regex(/^[A-Z][A-Za-z0-9]{0,79}$/)).max(200),
  origin: sourceOriginSchema,
  /** Secret names held in Key Vault for this source (values are never stored or answered). */
  secretRefs: z.array(z.string()).max(20),
  lastTest: testResultSchema.and(z.object({ testedAt: z.string() })).optional(),
  /** The last discovery: streams, columns, key and cursor candidates, sample rows (mapping's input). */
  discovered: discoveredSchemaSchema.optional(),
  /** Cron (NCRONTAB, 6 fields) on which ingestion runs this source's published mappings; absent: by hand. */
  schedule: z.string().max(100).optional(),
  createdAt: z.string(),
  createdBy: z.string().max(320),
  updatedAt: z.string(),
  updatedBy: z.string().max(320),
  /** Cosmos DB's ETag, answered as the ETag header and checked on If-Match. */
  _etag: z.string().optional(),
});
export type StoredSource = z.infer<typeof storedSourceSchema>;
