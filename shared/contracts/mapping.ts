/**
 * Contracts of the mapping service (issue 15): one versioned mapping per source × catalog object, each object
 * field fed by a source column or a declarative transform; validation issues, preview cells, quarantine
 * entries, KPI completeness and version diffs. The domain logic is in `shared/domain/mapping` (runs in the
 * Function app, in ingestion and in the browser); stored items and API views share these schemas.
 */
import { z } from 'zod';

/** Limits enforced by the schemas (a mapping is edited by hand in a UI: generous but bounded). */
export const MAPPING_LIMITS = {
  fieldsPerMapping: 300,
  enumEntries: 500,
  concatParts: 20,
  coalesceColumns: 20,
  textLength: 1_000,
  /** A quarantined value is kept up to this many characters (never a whole blob in an error log). */
  quarantineValueChars: 200,
  previewRows: 1_000,
} as const;

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/);
export const objectNameSchema = z.string().regex(/^[A-Z][A-Za-z0-9]{0,79}$/);
export const fieldNameSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,79}$/);
/** A source column as discovered (any text a database, API or file header may use). */
export const columnNameSchema = z.string().min(1).max(300);
const text = z.string().max(MAPPING_LIMITS.textLength);

// ---------------------------------------------------------------- transforms

/** Parses numbers written with a decimal comma or thousands separators (`1.234,5`). */
export const numberFormatSchema = z
  .object({
    decimalSeparator: z.enum(['.', ',']).default('.'),
    thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]).default(''),
  })
  .strict()
  .refine((f) => f.decimalSeparator !== f.thousandsSeparator, {
    message: 'the decimal and thousands separators must differ',
  });
export type NumberFormat = z.infer<typeof numberFormatSchema>;

/** Converts a column to the field's type (with the number format for text numbers). */
export const castTransformSchema = z
  .object({ kind: z.literal('cast'), column: columnNameSchema, numberFormat: numberFormatSchema.optional() })
  .strict();

/**
 * Date/time parse. `format` is `iso` (ISO 8601 date or date-time, with or without offset), `epoch-s`,
 * `epoch-ms`, or a pattern of `yyyy yy MM M dd d HH H mm ss SSS` and literal characters (`'text'` quotes
 * letters), e.g. `dd.MM.yyyy HH:mm`. Wall times without an offset are read in `timeZone` (IANA, default UTC).
 */
export const dateTransformSchema = z
  .object({
    kind: z.literal('date'),
    column: columnNameSchema,
    format: z.string().min(1).max(100),
    timeZone: z.string().min(1).max(100).optional(),
  })
  .strict();

/** Numeric value × factor + offset (units: grams → kg is 0.001, cents → money 0.01). */
export const unitTransformSchema = z
  .object({
    kind: z.literal('unit'),
    column: columnNameSchema,
    factor: z.number().finite(),
    offset: z.number().finite().optional(),
    numberFormat: numberFormatSchema.optional(),
  })
  .strict();

/** Source values → the field's enum values; `default` for any other non-empty value (else the row fails). */
export const enumTransformSchema = z
  .object({
    kind: z.literal('enum'),
    column: columnNameSchema,
    values: z.record(z.string().max(MAPPING_LIMITS.textLength), z.string().max(100)),
    caseInsensitive: z.boolean().optional(),
    default: z.string().max(100).optional(),
  })
  .strict()
  .refine((t) => Object.keys(t.values).length <= MAPPING_LIMITS.enumEntries, {
    message: `at most ${MAPPING_LIMITS.enumEntries} enum entries`,
  });

/** The same value on every row (converted to the field's type). */
export const constantTransformSchema = z
  .object({
    kind: z.literal('constant'),
    value: z.union([z.string().max(MAPPING_LIMITS.textLength), z.number(), z.boolean(), z.null()]),
  })
  .strict();

/** Columns and literal texts joined; null when every column part is empty. */
export const concatTransformSchema = z
  .object({
    kind: z.literal('concat'),
    parts: z
      .array(z.union([z.object({ column: columnNameSchema }).strict(), z.object({ text }).strict()]))
      .min(1)
      .max(MAPPING_LIMITS.concatParts),
    separator: z.string().max(20).optional(),
  })
  .strict();

/** The first non-empty of several columns (converted to the field's type). */
export const coalesceTransformSchema = z
  .object({
    kind: z.literal('coalesce'),
    columns: z.array(columnNameSchema).min(1).max(MAPPING_LIMITS.coalesceColumns),
  })
  .strict();

/**
 * The key of another mapped object's record found by one of its fields: the column holds `object.by`
 * (e.g. a customer's e-mail) and the field receives that customer's key. The caller supplies the index.
 */
export const lookupTransformSchema = z
  .object({
    kind: z.literal('lookup'),
    column: columnNameSchema,
    object: objectNameSchema,
    by: fieldNameSchema,
  })
  .strict();

export const transformSchema = z.discriminatedUnion('kind', [
  castTransformSchema,
  dateTransformSchema,
  unitTransformSchema,
  enumTransformSchema,
  constantTransformSchema,
  concatTransformSchema,
  coalesceTransformSchema,
  lookupTransformSchema,
]);
export type Transform = z.infer<typeof transformSchema>;
export type TransformKind = Transform['kind'];

/** Where one object field's value comes from. */
export const fieldSourceSchema = z.union([
  z.object({ column: columnNameSchema }).strict(),
  z.object({ transform: transformSchema }).strict(),
]);
export type FieldSource = z.infer<typeof fieldSourceSchema>;

// ---------------------------------------------------------------- the mapping document

export const MAPPING_STATUSES = ['draft', 'published'] as const;
export type MappingStatus = (typeof MAPPING_STATUSES)[number];

/** One mapping of a source's stream/table onto one catalog object, at one version. */
export const mappingSchema = z
  .object({
    id: idSchema,
    sourceId: idSchema,
    /** The source's stream, table, file or endpoint the rows come from. */
    stream: z.string().min(1).max(300),
    object: objectNameSchema,
    version: z.number().int().min(1),
    status: z.enum(MAPPING_STATUSES),
    /** Object field → its source. Fields not listed are unmapped. */
    fields: z
      .record(fieldNameSchema, fieldSourceSchema)
      .refine((f) => Object.keys(f).length <= MAPPING_LIMITS.fieldsPerMapping, {
        message: `at most ${MAPPING_LIMITS.fieldsPerMapping} fields`,
      }),
    createdBy: z.string().max(320),
    createdAt: z.iso.datetime(),
    publishedBy: z.string().max(320).optional(),
    publishedAt: z.iso.datetime().optional(),
  })
  .strict();
export type Mapping = z.infer<typeof mappingSchema>;

/** A discovered source column (the connector's `discover`): name, inferred type, a few sample values. */
export const SOURCE_COLUMN_TYPES = ['string', 'integer', 'decimal', 'boolean', 'date', 'datetime'] as const;
export const sourceColumnSchema = z.object({
  name: columnNameSchema,
  type: z.enum(SOURCE_COLUMN_TYPES).optional(),
  /** Distinct sample values (as text), for suggestions and enum coverage. */
  samples: z.array(z.string().max(MAPPING_LIMITS.textLength)).max(1_000).optional(),
});
export type SourceColumn = z.infer<typeof sourceColumnSchema>;
export type SourceColumnType = (typeof SOURCE_COLUMN_TYPES)[number];

// ---------------------------------------------------------------- codes

/** Stable codes of mapping-level validation issues (each issue names its field). */
export const MappingCodes = {
  objectMismatch: 'MAPPING.OBJECT_MISMATCH',
  fieldUnknown: 'MAPPING.FIELD_UNKNOWN',
  fieldUnmapped: 'MAPPING.FIELD_UNMAPPED',
  keyUnmapped: 'MAPPING.KEY_UNMAPPED',
  timeUnmapped: 'MAPPING.TIME_UNMAPPED',
  columnUnknown: 'MAPPING.COLUMN_UNKNOWN',
  typeIncompatible: 'MAPPING.TYPE_INCOMPATIBLE',
  enumUncovered: 'MAPPING.ENUM_UNCOVERED',
  enumValueUnknown: 'MAPPING.ENUM_VALUE_UNKNOWN',
  dateFormatInvalid: 'MAPPING.DATE_FORMAT_INVALID',
  timeZoneInvalid: 'MAPPING.TIME_ZONE_INVALID',
  unitFactorInvalid: 'MAPPING.UNIT_FACTOR_INVALID',
  lookupUnknownObject: 'MAPPING.LOOKUP_UNKNOWN_OBJECT',
  lookupUnknownField: 'MAPPING.LOOKUP_UNKNOWN_FIELD',
  invalid: 'MAPPING.INVALID',
} as const;
export type MappingCode = (typeof MappingCodes)[keyof typeof MappingCodes];

/** Stable codes of row-level value errors (quarantine entries and preview cells). */
export const ValueCodes = {
  notANumber: 'VALUE.NOT_A_NUMBER',
  notAnInteger: 'VALUE.NOT_AN_INTEGER',
  notABoolean: 'VALUE.NOT_A_BOOLEAN',
  badDate: 'VALUE.BAD_DATE',
  enumUnmapped: 'VALUE.ENUM_UNMAPPED',
  requiredMissing: 'VALUE.REQUIRED_MISSING',
  lookupMissing: 'VALUE.LOOKUP_MISSING',
  /** The caller supplied no lookup index (e.g. a preview before the looked-up object is mapped). */
  lookupUnavailable: 'VALUE.LOOKUP_UNAVAILABLE',
  notText: 'VALUE.NOT_TEXT',
  /** Shown in a preview cell whose field has a mapping-level issue (the issue's code is in `mappingCode`). */
  mappingInvalid: 'VALUE.MAPPING_INVALID',
} as const;
export type ValueCode = (typeof ValueCodes)[keyof typeof ValueCodes];

// ---------------------------------------------------------------- results

export const validationIssueSchema = z.object({
  /** The object field concerned (`*` for the mapping as a whole). */
  field: z.string(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export const valueErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ValueError = z.infer<typeof valueErrorSchema>;

/** A row that failed the mapping: one entry per failing field, never dropped silently. */
export const quarantineEntrySchema = z.object({
  /** 1-based row number within the batch or file the caller numbered. */
  row: z.number().int(),
  field: z.string(),
  /** The source value as text, truncated to `MAPPING_LIMITS.quarantineValueChars`. */
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

/** A mapped value: numbers for integer/decimal/money, epoch milliseconds for date (UTC midnight) and datetime. */
export const mappedValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type MappedValue = z.infer<typeof mappedValueSchema>;

export const previewCellSchema = z.union([
  z.object({ value: mappedValueSchema }).strict(),
  z.object({ error: valueErrorSchema }).strict(),
]);
export type PreviewCell = z.infer<typeof previewCellSchema>;

export const previewResultSchema = z.object({
  /** Mapped fields, in the object's field order (the preview's columns). */
  fields: z.array(z.string()),
  rows: z.array(
    z.object({ row: z.number().int(), ok: z.boolean(), cells: z.record(z.string(), previewCellSchema) }),
  ),
  summary: z.object({ rows: z.number().int(), ok: z.number().int(), failed: z.number().int() }),
  /** Errors per field and code across the previewed rows (`field` → `code` → count). */
  errorCounts: z.record(z.string(), z.record(z.string(), z.number().int())),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

export const kpiCompletenessSchema = z.object({
  kpiId: z.string(),
  status: z.enum(['ready', 'partial', 'blocked']),
  missingObjects: z.array(z.string()),
  missingFields: z.array(z.object({ object: z.string(), field: z.string() })),
  problem: z.literal('unknown-kpi').optional(),
});
export type KpiCompleteness = z.infer<typeof kpiCompletenessSchema>;

export const completenessResultSchema = z.object({
  kpis: z.array(kpiCompletenessSchema),
  summary: z.object({ ready: z.number().int(), partial: z.number().int(), blocked: z.number().int() }),
});
export type CompletenessResult = z.infer<typeof completenessResultSchema>;

export const mappingDiffSchema = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  added: z.array(z.object({ field: z.string(), to: fieldSourceSchema })),
  removed: z.array(z.object({ field: z.string(), from: fieldSourceSchema })),
  changed: z.array(z.object({ field: z.string(), from: fieldSourceSchema, to: fieldSourceSchema })),
});
export type MappingDiff = z.infer<typeof mappingDiffSchema>;

/** One ranked candidate for an object field. */
export const fieldSuggestionSchema = z.object({
  column: z.string(),
  /** 0..1; at or above `SUGGESTION_CONFIDENT` a UI may pre-fill it. */
  score: z.number(),
  reasons: z.array(z.string()),
  /** The field source to drop in: the column, or a date transform with the format its samples follow. */
  source: fieldSourceSchema,
});
export type FieldSuggestion = z.infer<typeof fieldSuggestionSchema>;

/** Ranked candidates for one object field. */
export const fieldSuggestionsSchema = z.object({
  field: z.string(),
  candidates: z.array(fieldSuggestionSchema),
});
export type FieldSuggestions = z.infer<typeof fieldSuggestionsSchema>;

/** The score from which a suggestion is taken without asking (also the sample-upload matching's cut-off). */
export const SUGGESTION_CONFIDENT = 0.75;
