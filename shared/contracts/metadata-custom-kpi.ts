/**
 * Tenant custom KPIs in the metadata service: drafts, immutable published versions, diff, audit. A custom
 * KPI lives in its tenant's partition only; the tenant always comes from the verified caller (or, for
 * platform staff, from the route's `{tenantId}`), never from a body.
 */
import { z } from 'zod';
import { TIME_GRAINS, UNIT_KINDS } from '../domain/catalog/types';
import { tenantParams } from './ids';
import { diagnosticSchema, requirementsSchema } from './metadata-catalog';

export const customKpiIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'lower-case letters, digits and dashes, 2 to 80 characters');

const finite = z.number().finite();

/** What an editor writes: the same fields as a catalog KPI (shared/domain/catalog/types.ts). */
export const customKpiDefinitionSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).default(''),
    /** Longer than the language allows (4,000): drafts may hold work in progress; publishing checks it. */
    formula: z.string().max(20_000),
    unit: z.enum(UNIT_KINDS),
    unitLabel: z.string().max(40).default(''),
    format: z.string().max(20).default(',.1f'),
    direction: z.enum(['higher-is-better', 'lower-is-better']),
    target: finite,
    thresholds: z.object({ good: finite, warning: finite, critical: finite }),
    timeGrain: z.enum(TIME_GRAINS).default('month'),
    dimensions: z.array(z.string().max(200)).max(20).default([]),
    tags: z.array(z.string().max(40)).max(20).default([]),
  })
  .strict();
export type CustomKpiDefinition = z.output<typeof customKpiDefinitionSchema>;

export const createCustomKpiBodySchema = customKpiDefinitionSchema.extend({ id: customKpiIdSchema }).strict();

export const customKpiStatuses = ['draft', 'published', 'deprecated'] as const;

/** A custom KPI as stored (container `custom-kpis`, partition `/tenantId`, id = the KPI id). */
export const customKpiSchema = z.object({
  id: customKpiIdSchema,
  tenantId: z.string(),
  status: z.enum(customKpiStatuses),
  /** The editable definition (the draft); published versions are kept apart, immutable. */
  definition: customKpiDefinitionSchema,
  /** Latest published version number. */
  publishedVersion: z.number().int().positive().optional(),
  /** True when the draft differs from the latest published version (or nothing was published yet). */
  changedSincePublish: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  deprecatedAt: z.string().optional(),
  deprecatedBy: z.string().optional(),
});
export type CustomKpi = z.infer<typeof customKpiSchema>;

/** A custom KPI with the diagnostics of its draft formula (empty when it would publish). */
export const customKpiViewSchema = customKpiSchema.extend({ diagnostics: z.array(diagnosticSchema) });

/** One immutable published version (container `custom-kpi-versions`, id `<kpiId>:v<n>`). */
export const customKpiVersionSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  kpiId: customKpiIdSchema,
  version: z.number().int().positive(),
  definition: customKpiDefinitionSchema,
  formulaPretty: z.string(),
  requirements: requirementsSchema,
  /** The catalog version the formula was checked against. */
  catalogVersion: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  note: z.string().max(500).optional(),
});
export type CustomKpiVersion = z.infer<typeof customKpiVersionSchema>;

export const auditActions = [
  'custom-kpi.created',
  'custom-kpi.updated',
  'custom-kpi.published',
  'custom-kpi.deprecated',
  /** A platform admin's edit of a global catalog KPI (partition `_global`). */
  'catalog-kpi.updated',
] as const;

/** Who did what when (container `catalog-audit`, partition `/tenantId`). */
export const auditEntrySchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  at: z.string(),
  actor: z.object({ subject: z.string(), email: z.string(), name: z.string() }),
  action: z.enum(auditActions),
  kpiId: z.string(),
  version: z.number().int().optional(),
  /** Definition fields the change touched. */
  changes: z.array(z.string()),
  note: z.string().max(500).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const publishBodySchema = z.object({ note: z.string().max(500).optional() }).strict();
export const deprecateBodySchema = z.object({ reason: z.string().max(500).optional() }).strict();

export const customKpiParamsSchema = tenantParams.extend({ kpiId: customKpiIdSchema });
export const versionParamsSchema = customKpiParamsSchema.extend({
  version: z.coerce.number().int().positive(),
});

/** `from`/`to`: version numbers, or `draft` for the current draft. */
const versionRef = z.union([z.literal('draft'), z.coerce.number().int().positive()]);
export const diffQuerySchema = z.object({ from: versionRef, to: versionRef.default('draft') });

export const diffSchema = z.object({
  kpiId: z.string(),
  from: z.union([z.literal('draft'), z.number()]),
  to: z.union([z.literal('draft'), z.number()]),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), continuationToken: z.string().optional() });
export const customKpiPageSchema = page(customKpiSchema);
export const versionPageSchema = page(customKpiVersionSchema);
export const auditPageSchema = page(auditEntrySchema);
