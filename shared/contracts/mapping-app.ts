/**
 * The mapping app's HTTP contract (client deployment, `/api/mapping/...`) and what it stores. The mapping
 * document itself is `Mapping` (shared/contracts/mapping.ts): the container `mappings` holds exactly one
 * `status: 'published'` document per source × stream × object (id = the mapping's id), the version ingestion
 * runs; drafts, past versions and the audit trail live in the mapping app's own containers.
 */
import { z } from 'zod';
import { entityIdSchema } from './ids';
import {
  completenessResultSchema,
  fieldSourceSchema,
  fieldSuggestionsSchema,
  type Mapping,
  mappingDiffSchema,
  mappingSchema,
  objectNameSchema,
  previewResultSchema,
  validationIssueSchema,
} from './mapping';

/** Stable error codes of the mapping app (validation issues use `MappingCodes` of mapping.ts). */
export const MappingAppCodes = {
  notFound: 'MAPPING.NOT_FOUND',
  exists: 'MAPPING.EXISTS',
  sourceNotFound: 'MAPPING.SOURCE_NOT_FOUND',
  sourceNotReady: 'MAPPING.SOURCE_NOT_READY',
  streamUnknown: 'MAPPING.STREAM_UNKNOWN',
  objectUnknown: 'MAPPING.OBJECT_UNKNOWN',
  catalogUnavailable: 'MAPPING.CATALOG_UNAVAILABLE',
  noDraft: 'MAPPING.NO_DRAFT',
  /** Publishing a draft with errors: `details.issues` lists them. */
  invalid: 'MAPPING.INVALID',
  versionNotFound: 'MAPPING.VERSION_NOT_FOUND',
  /** Someone else published or changed the mapping meanwhile: read again and retry. */
  publishConflict: 'MAPPING.PUBLISH_CONFLICT',
} as const;

/** Mapping fields as a draft holds them (the same bounds as the stored document). */
export const mappingFieldsSchema = mappingSchema.shape.fields;

/** Stored drafts and live versions: a `Mapping` in the deployment's tenant partition. */
export const storedMappingSchema = mappingSchema.extend({ tenantId: z.string().min(1).max(128) });
export type StoredMapping = z.infer<typeof storedMappingSchema>;

export const MAPPING_AUDIT_ACTIONS = ['created', 'draft-updated', 'published'] as const;

/** What `mapping-history` holds: every published version (immutable) and the audit trail. */
export const mappingHistoryItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('version'),
    id: z.string(),
    tenantId: z.string(),
    mappingId: z.string(),
    version: z.number().int().min(1),
    mapping: mappingSchema,
  }),
  z.object({
    kind: z.literal('audit'),
    id: z.string(),
    tenantId: z.string(),
    mappingId: z.string(),
    action: z.enum(MAPPING_AUDIT_ACTIONS),
    by: z.string().max(320),
    at: z.iso.datetime(),
    version: z.number().int().optional(),
    /** e.g. `+3 ~1 -0` for a publish, the fields touched for a draft update. */
    summary: z.string().max(1000),
  }),
]);
export type MappingHistoryItem = z.infer<typeof mappingHistoryItemSchema>;
export type MappingVersionItem = Extract<MappingHistoryItem, { kind: 'version' }>;
export type MappingAuditItem = Extract<MappingHistoryItem, { kind: 'audit' }>;

// ---------------------------------------------------------------- requests

export const mappingParamsSchema = z.object({ mappingId: entityIdSchema });

export const listMappingsQuerySchema = z.object({
  sourceId: entityIdSchema.optional(),
  object: objectNameSchema.optional(),
});

export const createMappingRequestSchema = z
  .object({ sourceId: entityIdSchema, stream: z.string().min(1).max(300), object: objectNameSchema })
  .strict();

export const updateDraftRequestSchema = z.object({ fields: mappingFieldsSchema }).strict();

/** A preview of the saved draft, or of the fields sent (what the UI shows before saving). */
export const previewRequestSchema = z.object({ fields: mappingFieldsSchema.optional() }).strict();

export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  /** Absent: the draft (what publishing it would change). */
  to: z.coerce.number().int().min(1).optional(),
});

export const completenessQuerySchema = z.object({
  /** `draft`: drafts where there are any, else the published versions (the UI's view); `published`: what runs. */
  basis: z.enum(['draft', 'published']).default('draft'),
});

// ---------------------------------------------------------------- responses

export const mappingSummarySchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  stream: z.string(),
  object: z.string(),
  draftVersion: z.number().int().optional(),
  publishedVersion: z.number().int().optional(),
  mappedFields: z.number().int(),
});
export type MappingSummary = z.infer<typeof mappingSummarySchema>;
export const mappingListSchema = z.object({ items: z.array(mappingSummarySchema) });

/** A discovered column as the UI shows it (type, source type, a few sample values). */
export const mappingColumnSchema = z.object({
  name: z.string(),
  type: z.string(),
  sourceType: z.string(),
  samples: z.array(z.string()),
});

/** One mapping: its draft (with the ETag to send back as If-Match) and its live version. */
export const mappingViewSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  stream: z.string(),
  object: z.string(),
  draft: mappingSchema.nullable(),
  published: mappingSchema.nullable(),
  /** ETag of the draft (empty when there is none: the next save starts one from the published version). */
  etag: z.string(),
  columns: z.array(mappingColumnSchema),
});
export type MappingView = z.infer<typeof mappingViewSchema>;

export const validationResultSchema = z.object({
  publishable: z.boolean(),
  issues: z.array(validationIssueSchema),
});

export const publishResultSchema = z.object({
  published: mappingSchema,
  /** Null for a first version. */
  diff: mappingDiffSchema.nullable(),
  warnings: z.array(validationIssueSchema),
});

export const versionListSchema = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      publishedBy: z.string().optional(),
      publishedAt: z.string().optional(),
      fields: z.number().int(),
    }),
  ),
});

export const auditListSchema = z.object({
  items: z.array(
    z.object({
      action: z.enum(MAPPING_AUDIT_ACTIONS),
      by: z.string(),
      at: z.string(),
      version: z.number().int().optional(),
      summary: z.string(),
    }),
  ),
});

export const suggestionsResultSchema = z.object({
  object: z.string(),
  fields: z.array(fieldSuggestionsSchema),
});

export { previewResultSchema };

const completenessStatus = z.enum(['ready', 'partial', 'blocked']);
export const mappingCompletenessSchema = completenessResultSchema.extend({
  basis: z.enum(['draft', 'published']),
  /** Per mapping, the KPIs whose status it changes (what it buys). */
  mappings: z.array(
    z.object({
      mappingId: z.string(),
      sourceId: z.string(),
      stream: z.string(),
      object: z.string(),
      buys: z.array(z.object({ kpiId: z.string(), from: completenessStatus, to: completenessStatus })),
    }),
  ),
});
export type MappingCompleteness = z.infer<typeof mappingCompletenessSchema>;

/** The catalog objects the entitled KPIs need (`GET /api/mapping/objects`), for the UI's field side. */
export const mappingObjectsSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      primaryKey: z.array(z.string()),
      timeField: z.string().optional(),
      fields: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          description: z.string(),
          required: z.boolean(),
          values: z.array(z.string()).optional(),
        }),
      ),
    }),
  ),
});

export type { Mapping };
export { fieldSourceSchema };
