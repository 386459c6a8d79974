/**
 * Read contracts of the metadata service: KPI detail, object model and its UML graph, ranked search, and
 * formula validation/preview. Response schemas describe the shape for the OpenAPI document and the UIs.
 */
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and dashes');

export const kpiIdParamsSchema = z.object({ id: slug });

/** A relationship (join) between two data objects, as the formula engine derives it. */
export const relationshipRefSchema = z.object({
  from: z.string(),
  name: z.string(),
  to: z.string(),
  foreignKey: z.string(),
  targetKey: z.string(),
  cardinality: z.string(),
  inverseCardinality: z.string(),
});

const requiredFieldSchema = z.object({ name: z.string(), type: z.string(), usages: z.array(z.string()) });
export const requirementsSchema = z.object({
  objects: z.array(z.object({ name: z.string(), fields: z.array(requiredFieldSchema) })),
  relationships: z.array(relationshipRefSchema),
  kpis: z.array(z.string()),
});

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * What a formula needs, as the API states it (validate, KPI detail, a published version), read only. The
 * domain's `Requirements` (shared/domain/formula/requirements.ts, what the browser's checker derives) is
 * assignable to it, so a UI shows either with one type.
 */
export type RequirementsView = DeepReadonly<z.infer<typeof requirementsSchema>>;

export const kpiDefinitionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  formula: z.string(),
  unit: z.string(),
  unitLabel: z.string(),
  format: z.string(),
  direction: z.string(),
  target: z.number(),
  thresholds: z.object({ good: z.number(), warning: z.number(), critical: z.number() }),
  timeGrain: z.string(),
  dimensions: z.array(z.string()),
  tags: z.array(z.string()),
});

export const kpiDetailSchema = z.object({
  catalogVersion: z.string(),
  kpi: kpiDefinitionSchema,
  formulaPretty: z.string(),
  requirements: requirementsSchema,
  useCases: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      stageId: z.string(),
      stageName: z.string(),
      industryId: z.string(),
    }),
  ),
  industries: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const objectsSchema = z.object({
  catalogVersion: z.string(),
  objects: z.array(z.looseObject({ name: z.string() })),
});

/** `?kpis=a,b` (comma-separated, or repeated). */
export const objectGraphQuerySchema = z.object({
  kpis: z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(slug).min(1).max(500)),
});

export const objectGraphSchema = z.object({
  catalogVersion: z.string(),
  kpis: z.array(z.string()),
  objects: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      area: z.string(),
      description: z.string(),
      primaryKey: z.array(z.string()),
      fields: z.array(
        z.object({
          name: z.string(),
          type: z.string(),
          required: z.boolean(),
          key: z.enum(['primary', 'foreign']).optional(),
          usages: z.array(z.string()),
          kpis: z.array(z.string()),
        }),
      ),
      kpis: z.array(z.string()),
    }),
  ),
  relationships: z.array(relationshipRefSchema.extend({ kpis: z.array(z.string()) })),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchResultSchema = z.object({
  catalogVersion: z.string(),
  query: z.string(),
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      tags: z.array(z.string()),
      unitLabel: z.string(),
      score: z.number(),
      matchedIn: z.array(z.enum(['name', 'tags', 'description'])),
    }),
  ),
});

/** Longer than the language allows (4,000), so an over-long formula gets its `FORMULA.TOO_LONG` diagnostic. */
const formulaText = z.string().max(20_000);

export const validateFormulaBodySchema = z.object({ formula: formulaText }).strict();

export const diagnosticSchema = z.object({
  code: z.string(),
  severity: z.literal('error'),
  message: z.string(),
  offset: z.number().int(),
  length: z.number().int(),
  line: z.number().int(),
  column: z.number().int(),
  expected: z.array(z.string()).optional(),
  suggestions: z.array(z.string()).optional(),
});

export const validFormulaSchema = z.object({
  ok: z.literal(true),
  diagnostics: z.array(diagnosticSchema),
  formulaPretty: z.string(),
  requirements: requirementsSchema,
});

export const previewFormulaBodySchema = z
  .object({
    formula: formulaText,
    /** Month to evaluate, `YYYY-MM` (default: the sample data's reference month). */
    period: z
      .string()
      .regex(/^20(2[3-4])-(0[1-9]|1[0-2])$/, 'a month of the sample data, 2023-01 to 2024-12')
      .optional(),
  })
  .strict();

export const previewResultSchema = z.object({
  industryId: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  formulaPretty: z.string(),
});
