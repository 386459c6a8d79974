/**
 * Contracts of the demo-config service: tenants, configurations (selected KPIs, target overrides, status),
 * data source declarations, sample-file inference and the required-objects analysis. Stored items and API
 * views share these schemas; the seed (`local/seed/seed-data.ts`) writes items that parse with them.
 */
import { z } from 'zod';
import { tenantIdSchema } from './ids';
import { relationshipRefSchema } from './metadata-catalog';

/** Limits on collections and texts, enforced at the edge and on write. */
export const DEMO_CONFIG_LIMITS = {
  selectedKpis: 500,
  sourcesPerConfiguration: 50,
  objectsPerSource: 100,
  fieldsPerObject: 300,
  sampleBytes: 2 * 1024 * 1024,
  sampleRows: 50_000,
  sampleColumns: 300,
  /** XLSX: bytes the workbook's XML parts may unpack to (the upload limit counts compressed bytes only). */
  sampleUnpackedBytes: 20 * 1024 * 1024,
  /** XLSX: entries in the archive. */
  sampleArchiveEntries: 1000,
  /** XLSX: shared strings of the workbook. */
  sampleSharedStrings: 500_000,
  previewRows: 10,
} as const;

/** The one tenant id schema (shared/contracts/ids.ts), re-exported for this contract's users. */
export { tenantIdSchema };

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

/**
 * A selected KPI: a catalog KPI pinned to the catalog version it was chosen from, or (with `customVersion`) a
 * published version of one of the tenant's custom KPIs, pinned to that version.
 */
export const selectedKpiSchema = z.object({
  kpiId: z.string().min(1).max(128),
  catalogVersion: z.string().min(1).max(128),
  customVersion: z.number().int().min(1).optional(),
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

/** Lists carry the items without etags (read one configuration before changing it). */
export const configurationListSchema = z.object({
  items: z.array(configurationSchema),
  continuationToken: z.string().optional(),
});

const kpiSelectionInput = z.array(z.string().min(1).max(128)).max(DEMO_CONFIG_LIMITS.selectedKpis);
/** Published versions of the tenant's custom KPIs (owned by the metadata service). */
const customSelectionInput = z
  .array(z.object({ kpiId: z.string().min(1).max(128), version: z.number().int().min(1) }).strict())
  .max(DEMO_CONFIG_LIMITS.selectedKpis);

export const createConfigurationRequestSchema = z
  .object({
    name: nameSchema,
    description: z.string().max(4000).optional(),
    /** Catalog KPI ids; pinned to the current catalog version by the service. */
    kpiIds: kpiSelectionInput.default([]),
    customKpis: customSelectionInput.default([]),
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
    /** Replaces the custom KPI selection. */
    customKpis: customSelectionInput.optional(),
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
/** Lists carry the items without etags (read one source before changing it). */
export const dataSourceListSchema = z.object({ items: z.array(dataSourceSchema) });

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
    /** The file: its text (CSV), or base64 for a binary file (XLSX). */
    content: z
      .string()
      .min(1)
      .max(Math.ceil((DEMO_CONFIG_LIMITS.sampleBytes * 4) / 3) + 4),
    encoding: z.enum(['text', 'base64']).default('text'),
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
  format: z.enum(['csv', 'xlsx']),
  /** CSV only: the delimiter detected. */
  delimiter: z.string().optional(),
  /** XLSX only: the sheet read (the first). */
  sheet: z.string().optional(),
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

// ---------------------------------------------------------------- analysis

const fieldUsageSchema = z.enum(['value', 'filter', 'period', 'join']);

/** The required-objects analysis of a configuration (see shared/domain/analysis/required-objects.ts). */
export const analysisSchema = z.object({
  configurationId: z.string(),
  /** The configuration's etag the analysis was computed from. */
  configurationEtag: z.string(),
  catalogVersion: z.string(),
  /** Selected catalog KPIs pinned to another catalog version than the one analysed. */
  stalePins: z.array(z.string()),
  /** Selected KPIs that are the tenant's custom KPIs (analysed from their published version's requirements). */
  customKpis: z.array(z.string()),
  sources: z.array(z.object({ id: z.string(), name: z.string(), type: sourceTypeSchema })),
  objects: z.array(
    z.object({
      name: z.string(),
      kpis: z.array(z.string()),
      fields: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          usages: z.array(fieldUsageSchema),
          kpis: z.array(z.string()),
          providedBy: z.array(z.string()),
        }),
      ),
      providedBy: z.array(z.string()),
      providedFields: z.number().int(),
      requiredFields: z.number().int(),
      bySource: z.array(z.object({ sourceId: z.string(), fields: z.number().int() })),
    }),
  ),
  relationships: z.array(relationshipRefSchema.extend({ covered: z.boolean() })),
  kpis: z.array(
    z.object({
      kpiId: z.string(),
      status: z.enum(['ready', 'partial', 'blocked']),
      missing: z.array(z.object({ object: z.string(), field: z.string() })),
      missingObjects: z.array(z.string()),
      problem: z.literal('unknown-kpi').optional(),
    }),
  ),
  gaps: z.array(z.object({ object: z.string(), field: z.string().optional(), kpis: z.array(z.string()) })),
  summary: z.object({
    ready: z.number().int(),
    partial: z.number().int(),
    blocked: z.number().int(),
    requiredFields: z.number().int(),
    providedFields: z.number().int(),
    fieldCoveragePercent: z.number(),
  }),
});
export type AnalysisView = z.infer<typeof analysisSchema>;

// ---------------------------------------------------------------- effort estimate

const days = z.number().finite().min(0).max(10_000);

export const estimatePhaseSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  name: z.string().trim().min(1).max(100),
  basis: z.enum(['build', 'fixed']),
  factor: days,
  role: z.string().trim().min(1).max(50),
  people: z.number().int().min(1).max(50),
  concurrent: z.boolean().optional(),
});

/** Every parameter of the estimate model; each one optional in a request (the defaults fill the rest). */
export const estimateParametersSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  startDate: z.iso.date(),
  daysPerSourceType: z.object(
    Object.fromEntries(SOURCE_TYPES.map((t) => [t, days])) as Record<SourceType, typeof days>,
  ),
  daysPerObjectToMap: days,
  daysPerMissingField: days,
  daysPerCustomKpi: days,
  daysPerDashboard: days,
  kpisPerDashboard: z.number().int().min(1).max(100),
  phases: z.array(estimatePhaseSchema).min(1).max(20),
  rateCard: z.record(z.string().min(1).max(50), z.number().finite().min(0).max(1_000_000)),
  contingencyPercent: z.number().finite().min(0).max(100),
  workingDaysPerWeek: z.number().int().min(1).max(7),
});

export const estimateRequestSchema = z
  .object({
    parameters: estimateParametersSchema
      .extend({ daysPerSourceType: estimateParametersSchema.shape.daysPerSourceType.partial() })
      .partial()
      .strict()
      .default({}),
    /** Overrides the dashboard count derived from the KPIs. */
    dashboards: z.number().int().min(0).max(500).optional(),
  })
  .strict();

export const estimateResponseSchema = z.object({
  configurationId: z.string(),
  parameters: estimateParametersSchema,
  input: z.object({
    sourceTypes: z.array(sourceTypeSchema),
    objectsToMap: z.number().int(),
    missingFields: z.number().int(),
    catalogKpis: z.number().int(),
    customKpis: z.number().int(),
    dashboards: z.number().int().optional(),
  }),
  estimate: z.object({
    currency: z.string(),
    lines: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        quantity: z.number(),
        unitDays: z.number(),
        days: z.number(),
      }),
    ),
    buildDays: z.number(),
    phases: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: z.string(),
        days: z.number(),
        people: z.number(),
        rate: z.number(),
        cost: z.number(),
        start: z.string(),
        end: z.string(),
        weeks: z.number(),
      }),
    ),
    totals: z.object({
      days: z.number(),
      cost: z.number(),
      contingency: z.number(),
      total: z.number(),
      start: z.string(),
      end: z.string(),
      weeks: z.number(),
    }),
  }),
});

// ---------------------------------------------------------------- SOW

export const SOW_FORMATS = ['html', 'docx', 'pdf'] as const;
export const sowFormatSchema = z.enum(SOW_FORMATS);
export type SowFormat = z.infer<typeof sowFormatSchema>;

export const sowRequestSchema = estimateRequestSchema.extend({
  vendorName: z.string().trim().min(1).max(200).default('KPI Platform'),
});

/** One generated SOW version (`sow-versions`, pk `/tenantId`); its files are blobs. */
export const sowVersionSchema = z.object({
  id: z.string(),
  tenantId: tenantIdSchema,
  configurationId: idSchema,
  version: z.number().int().min(1),
  createdAt: isoTime,
  createdBy: z.string().max(320),
  /** The configuration's etag the SOW was generated from. */
  configurationEtag: z.string(),
  configurationStatus: configurationStatusSchema,
  totals: z.object({ days: z.number(), cost: z.number(), total: z.number(), currency: z.string() }),
  files: z.array(
    z.object({ format: sowFormatSchema, blob: z.string(), bytes: z.number().int(), contentType: z.string() }),
  ),
});
export type SowVersion = z.infer<typeof sowVersionSchema>;
export const sowVersionListSchema = z.object({ items: z.array(sowVersionSchema) });

// ---------------------------------------------------------------- dashboard preview (demo mode)

export const dashboardPreviewQuerySchema = z.object({
  /** The month to show, `YYYY-MM`, inside the sample data window (2023-01 .. 2024-12). */
  month: z
    .string()
    .regex(/^20(23|24)-(0[1-9]|1[0-2])$/)
    .default('2024-06'),
});

export const dashboardPreviewSchema = z.object({
  configurationId: z.string(),
  industryId: z.string(),
  period: z.string(),
  kpis: z.array(
    z.object({
      kpiId: z.string(),
      name: z.string(),
      custom: z.boolean(),
      unitLabel: z.string(),
      format: z.string(),
      direction: z.enum(['higher-is-better', 'lower-is-better']),
      target: z.number(),
      thresholds: z.object({ good: z.number(), warning: z.number(), critical: z.number() }),
      value: z.number().nullable(),
      status: z.enum(['good', 'warning', 'critical', 'no-value']),
      /** The twelve months up to the period, oldest first. */
      series: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
    }),
  ),
});
export type DashboardPreview = z.infer<typeof dashboardPreviewSchema>;

/** What a client deployment reads of its configuration's declarations (deployment credential). */
export const deploymentSourcesSchema = z.object({
  configurationId: idSchema,
  items: z.array(dataSourceSchema),
});
export type DeploymentSources = z.infer<typeof deploymentSourcesSchema>;
