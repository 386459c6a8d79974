/**
 * Contracts of the demo-config service: tenants, configurations (selected KPIs, target overrides, status),
 * data source declarations, sample-file inference and the required-objects analysis. Stored items and API
 * views share these schemas; the seed (`local/seed/seed-data.ts`) writes items that parse with them.
 */
import { z } from 'zod';

/** Limits on collections and texts, enforced at the edge and on write. */
export const DEMO_CONFIG_LIMITS = {
  selectedKpis: 500,
  sourcesPerConfiguration: 50,
  objectsPerSource: 100,
  fieldsPerObject: 300,
  sampleBytes: 2 * 1024 * 1024,
  sampleRows: 50_000,
  sampleColumns: 300,
  previewRows: 10,
} as const;

export const tenantIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
const nameSchema = z.string().trim().min(1).max(200);
const isoTime = z.iso.datetime();
const objectNameSchema = z.string().regex(/^[A-Z][A-Za-z0-9]{0,79}$/);
const fieldNameSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,79}$/);

// ---------------------------------------------------------------- tenants

export const tenantContactSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  role: z.string().trim().min(1).max(50),
});

/** A tenant item (`tenants`, pk `/tenantId`; its id is the tenant id). */
export const tenantSchema = z.object({
  id: tenantIdSchema,
  tenantId: tenantIdSchema,
  name: nameSchema,
  industryId: z.string().min(1).max(100),
  contacts: z.array(tenantContactSchema).max(20),
  createdAt: isoTime,
  createdBy: z.string().max(320).optional(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const createTenantRequestSchema = z
  .object({
    tenantId: tenantIdSchema,
    name: nameSchema,
    industryId: z.string().min(1).max(100),
    contacts: z.array(tenantContactSchema).max(20).default([]),
  })
  .strict();

export const tenantListSchema = z.object({
  items: z.array(tenantSchema),
  continuationToken: z.string().optional(),
});

// ---------------------------------------------------------------- configurations

export const CONFIGURATION_STATUSES = ['draft', 'proposed', 'signed'] as const;
export const configurationStatusSchema = z.enum(CONFIGURATION_STATUSES);
export type ConfigurationStatus = z.infer<typeof configurationStatusSchema>;

/** A selected catalog KPI, pinned to the catalog version it was chosen from. */
export const selectedKpiSchema = z.object({
  kpiId: z.string().min(1).max(128),
  catalogVersion: z.string().min(1).max(128),
});

export const targetOverrideSchema = z.object({
  kpiId: z.string().min(1).max(128),
  target: z.number().finite(),
});

export const statusChangeSchema = z.object({
  from: configurationStatusSchema,
  to: configurationStatusSchema,
  at: isoTime,
  by: z.string().max(320),
  comment: z.string().max(1000).optional(),
});

/** A configuration item (`configurations`, pk `/tenantId`). */
export const configurationSchema = z.object({
  id: idSchema,
  tenantId: tenantIdSchema,
  name: nameSchema,
  description: z.string().max(4000).optional(),
  status: configurationStatusSchema,
  selectedKpis: z.array(selectedKpiSchema).max(DEMO_CONFIG_LIMITS.selectedKpis),
  targetOverrides: z.array(targetOverrideSchema).max(DEMO_CONFIG_LIMITS.selectedKpis).default([]),
  statusHistory: z.array(statusChangeSchema).max(200).default([]),
  createdBy: z.string().max(320),
  createdAt: isoTime,
  updatedBy: z.string().max(320).optional(),
  updatedAt: isoTime.optional(),
});
export type Configuration = z.infer<typeof configurationSchema>;

/** A configuration as the API returns it: the item plus its ETag (for `If-Match`). */
export const configurationViewSchema = configurationSchema.extend({ etag: z.string() });
export type ConfigurationView = z.infer<typeof configurationViewSchema>;

export const configurationListSchema = z.object({
  items: z.array(configurationViewSchema),
  continuationToken: z.string().optional(),
});

const kpiSelectionInput = z.array(z.string().min(1).max(128)).max(DEMO_CONFIG_LIMITS.selectedKpis);

export const createConfigurationRequestSchema = z
  .object({
    name: nameSchema,
    description: z.string().max(4000).optional(),
    /** Catalog KPI ids; pinned to the current catalog version by the service. */
    kpiIds: kpiSelectionInput.default([]),
    targetOverrides: z.array(targetOverrideSchema).max(DEMO_CONFIG_LIMITS.selectedKpis).default([]),
  })
  .strict();

/** A partial update; `If-Match` carries the ETag the client read. */
export const updateConfigurationRequestSchema = z
  .object({
    name: nameSchema.optional(),
    description: z.string().max(4000).optional(),
    /** Replaces the selection: ids already selected keep their pinned version, new ones get the current one. */
    kpiIds: kpiSelectionInput.optional(),
    targetOverrides: z.array(targetOverrideSchema).max(DEMO_CONFIG_LIMITS.selectedKpis).optional(),
  })
  .strict();

export const statusTransitionRequestSchema = z
  .object({ to: configurationStatusSchema, comment: z.string().max(1000).optional() })
  .strict();

// ---------------------------------------------------------------- data sources

export const SOURCE_TYPES = [
  'sqlserver',
  'postgresql',
  'dynamics365',
  'sap',
  'salesforce',
  'csv',
  'excel',
  'rest',
] as const;
export const sourceTypeSchema = z.enum(SOURCE_TYPES);
export type SourceType = z.infer<typeof sourceTypeSchema>;

export const INFERRED_TYPES = ['integer', 'decimal', 'boolean', 'date', 'datetime', 'string'] as const;
export const inferredTypeSchema = z.enum(INFERRED_TYPES);
export type InferredType = z.infer<typeof inferredTypeSchema>;

/** One field of a catalog object that a source provides, optionally with the source column it comes from. */
export const providedFieldSchema = z.object({
  name: fieldNameSchema,
  sourceColumn: z.string().max(200).optional(),
  type: inferredTypeSchema.optional(),
});

/** One catalog object a source provides, with the fields it provides. */
export const providedObjectSchema = z.object({
  name: objectNameSchema,
  fields: z.array(providedFieldSchema).max(DEMO_CONFIG_LIMITS.fieldsPerObject),
});

/** A data source declaration item (`data-sources`, pk `/tenantId`). */
export const dataSourceSchema = z.object({
  id: idSchema,
  tenantId: tenantIdSchema,
  configurationId: idSchema,
  type: sourceTypeSchema,
  name: nameSchema,
  description: z.string().max(4000).optional(),
  objects: z.array(providedObjectSchema).max(DEMO_CONFIG_LIMITS.objectsPerSource),
  createdBy: z.string().max(320),
  createdAt: isoTime,
  updatedAt: isoTime.optional(),
});
export type DataSource = z.infer<typeof dataSourceSchema>;

export const dataSourceViewSchema = dataSourceSchema.extend({ etag: z.string() });
export const dataSourceListSchema = z.object({ items: z.array(dataSourceViewSchema) });

export const dataSourceRequestSchema = z
  .object({
    type: sourceTypeSchema,
    name: nameSchema,
    description: z.string().max(4000).optional(),
    objects: z.array(providedObjectSchema).max(DEMO_CONFIG_LIMITS.objectsPerSource).default([]),
  })
  .strict();

// ---------------------------------------------------------------- sample inference

export const inferSampleRequestSchema = z
  .object({
    fileName: z.string().trim().min(1).max(260),
    /** The file's text (CSV). */
    content: z.string().min(1).max(DEMO_CONFIG_LIMITS.sampleBytes),
    /** The catalog object the file holds; when absent the best-matching object is suggested. */
    objectName: objectNameSchema.optional(),
  })
  .strict();

export const inferredColumnSchema = z.object({
  name: z.string(),
  type: inferredTypeSchema,
  nullable: z.boolean(),
  /** Non-empty values seen. */
  filled: z.number().int(),
});

export const inferSampleResponseSchema = z.object({
  fileName: z.string(),
  delimiter: z.string(),
  rowCount: z.number().int(),
  columns: z.array(inferredColumnSchema),
  preview: z.array(z.array(z.string())),
  /** The catalog object the columns match best, and which column provides which field. */
  suggestion: z
    .object({
      object: z.string(),
      fields: z.array(z.object({ column: z.string(), field: z.string() })),
      unmatchedColumns: z.array(z.string()),
    })
    .nullable(),
});
export type InferSampleResponse = z.infer<typeof inferSampleResponseSchema>;
