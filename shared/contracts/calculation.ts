/**
 * The HTTP contract of `functions/calculation` (routes under `/api/calculation/...`) and its stored results
 * (Cosmos container `kpi-results` of the client deployment). The dashboards (issue 17) read these; only the
 * deployment's own tenant's users are served, and only the KPIs the verified catalog snapshot entitles.
 *
 * | route                                  | roles                      | answers                   |
 * | -------------------------------------- | -------------------------- | ------------------------- |
 * | `GET results?grain=&from=&to=&kpis=`   | viewer, editor, admin, owner | `kpiResultListSchema` (ETag) |
 * | `GET results/changes?since=`           | viewer, editor, admin, owner | `kpiResultChangesSchema`  |
 * | `GET kpis/{kpiId}/breakdown?...`       | viewer, editor, admin, owner | `kpiBreakdownSchema`      |
 * | `POST recompute`                       | admin, owner               | `recomputeSummarySchema`  |
 */
import { z } from 'zod';

/** Grains results are stored at. */
export const RESULT_GRAINS = ['month', 'quarter', 'year'] as const;
export type ResultGrain = (typeof RESULT_GRAINS)[number];

/** The status of one result: the band of its value, no value, or the KPI's formula failed. */
export const RESULT_STATUSES = ['good', 'warning', 'critical', 'no-value', 'error'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** One KPI × grain × period value, as stored and as served. */
export const kpiResultSchema = z.object({
  /** `<kpiId>:<grain>:<periodKey>`. */
  id: z.string(),
  kpiId: z.string(),
  grain: z.enum(RESULT_GRAINS),
  /** `2024-03`, `2024-Q1`, `2024`. */
  periodKey: z.string(),
  /** First day and the day after the last day (half-open); for a period to date, the day after today. */
  periodStart: isoDate,
  periodEnd: isoDate,
  /** The current period, computed up to today (its end moves every day). */
  toDate: z.boolean(),
  value: z.number().nullable(),
  status: z.enum(RESULT_STATUSES),
  target: z.number(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  thresholds: z.object({ good: z.number(), warning: z.number(), critical: z.number() }),
  /** Lake manifest version of every object the value was computed from (following kpi() references). */
  inputs: z.record(z.string(), z.number().int().nonnegative()),
  computedAt: z.iso.datetime(),
  /** Only with status `error`: why the KPI's formula failed at run time. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Grows with every write of the deployment's results: the change feed's token. */
  seq: z.number().int().nonnegative(),
  catalogVersion: z.string(),
});
export type KpiResult = z.infer<typeof kpiResultSchema>;

const kpiIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'a KPI id');

/** `?kpis=a,b` (comma-separated), at most 100. */
const kpiListQuery = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  )
  .pipe(z.array(kpiIdSchema).max(100));

/** `GET results?grain=month&from=2024-01-01&to=2024-12-31&kpis=a,b`: periods starting from..to (inclusive). */
export const resultsQuerySchema = z
  .object({
    grain: z.enum(RESULT_GRAINS).default('month'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    kpis: kpiListQuery.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to');

export const kpiResultListSchema = z.object({
  catalogVersion: z.string(),
  /** The change-feed token as of this answer: ask `results/changes?since=<token>` next. */
  token: z.string(),
  items: z.array(kpiResultSchema),
});
export type KpiResultList = z.infer<typeof kpiResultListSchema>;

/** `GET results/changes?since=<token>`: results written after the token (oldest first, at most `limit`). */
export const resultChangesQuerySchema = z.object({
  since: z
    .string()
    .regex(/^\d{1,15}$/, 'a token from a previous answer')
    .default('0'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const kpiResultChangesSchema = z.object({
  /** Pass it as `since` next time; equal to `since` when nothing changed. */
  token: z.string(),
  /** More changes wait beyond `limit`: ask again at once. */
  more: z.boolean(),
  items: z.array(kpiResultSchema),
});
export type KpiResultChanges = z.infer<typeof kpiResultChangesSchema>;

export const breakdownParamsSchema = z.object({ kpiId: kpiIdSchema });

/** `GET kpis/{kpiId}/breakdown?dimension=Shipment.carrier.name&grain=month&period=2024-03`. */
export const breakdownQuerySchema = z.object({
  dimension: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/, 'Object.field or Object.relationship.field'),
  grain: z.enum(RESULT_GRAINS).default('month'),
  /** A period key (`2024-03`, `2024-Q1`, `2024`). */
  period: z.string().regex(/^\d{4}(-\d{2}|-Q[1-4])?$/, 'a period key such as 2024-03, 2024-Q1 or 2024'),
  maxGroups: z.coerce.number().int().min(1).max(50).default(10),
});

export const kpiBreakdownSchema = z.object({
  kpiId: z.string(),
  dimension: z.string(),
  grain: z.enum(RESULT_GRAINS),
  periodKey: z.string(),
  periodStart: isoDate,
  periodEnd: isoDate,
  groups: z.array(
    z.object({
      /** The dimension value; null for records without one and for the "other" group. */
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
      /** The groups beyond `maxGroups`, together. */
      other: z.boolean(),
      records: z.number().int().nonnegative(),
      kpiValue: z.number().nullable(),
    }),
  ),
});

/** `POST recompute` (the `recompute` remote command): everything, now. */
export const recomputeSummarySchema = z.object({
  kind: z.enum(['full', 'incremental', 'skipped']),
  kpis: z.number().int().nonnegative(),
  results: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative().optional(),
  durationMs: z.number().nonnegative(),
});
export type RecomputeSummary = z.infer<typeof recomputeSummarySchema>;

/** Error codes of the calculation app. */
export const CALCULATION_ERROR_CODES = {
  /** 503: client-app has not stored a catalog snapshot yet. */
  noSnapshot: 'CALC.NO_SNAPSHOT',
  /** 404: no such KPI among those the snapshot entitles. */
  kpiNotFound: 'CALC.KPI_NOT_FOUND',
  /** 400: the dimension is not a field of the KPI's objects reachable by to-one relationships. */
  badDimension: 'CALC.BAD_DIMENSION',
  /** Stored in a result: the KPI's formula does not check against the snapshot's object model. */
  formulaInvalid: 'CALC.FORMULA_INVALID',
  /** Stored in a result: the KPI's query failed at run time (e.g. an unreadable lake file). */
  runFailed: 'CALC.RUN_FAILED',
} as const;
