/**
 * The HTTP contract of `functions/client-app`, the backend of one client deployment (routes under
 * `/api/client-app/...`), used by the Client UI (`web/client`) and by tests. Only the deployment's own
 * tenant's users are served (a token of another tenant, vendor staff included, gets 403
 * `AUTH.TENANT_FORBIDDEN`).
 *
 * | route                          | roles                        | answers                                     |
 * | ------------------------------ | ---------------------------- | ------------------------------------------- |
 * | `GET health`                   | public                       | `clientHealthSchema` (no business data)     |
 * | `GET license`                  | viewer and up                | `licenseStatusSchema` (also when refused)   |
 * | `GET license/validations`      | admin, owner                 | `validationHistoryPageSchema`               |
 * | `PUT license/key`              | admin, owner                 | `licenseStatusSchema` (renewed key applied) |
 * | `GET kpis`                     | viewer and up (data route)   | `kpiListSchema`                             |
 * | `GET kpis/{kpiId}`             | viewer and up (data route)   | `kpiEnvelopeSchema`                         |
 *
 * Licence enforcement: every answer carries the `x-license-state` / `x-license-days-left` headers
 * (`LICENSE_HEADERS`) and every data answer a `license` banner (`licenseBannerSchema`), so the UI shows the
 * grace banner from any answer. While the licence is refused every data route answers 403 with the
 * `LICENSE.*` reason code (`{ error: { code, message, details: licenseBanner } }`); the licence routes and
 * health keep answering so an admin can see why and paste a renewed key. Additive changes only.
 */
import { z } from 'zod';
import { entityIdSchema, tenantIdSchema } from './ids';
import { requirementsSchema } from './metadata-catalog';

/** What the deployment may do now. */
export const CLIENT_LICENSE_STATES = ['full', 'grace', 'refused'] as const;
export type ClientLicenseState = (typeof CLIENT_LICENSE_STATES)[number];

/** Response headers on every client-app answer (lower case, as `Headers` gives them). */
export const LICENSE_HEADERS = {
  state: 'x-license-state',
  /** Days left in the current state: to expiry when `full`, to the end of grace when `grace`, 0 when refused. */
  daysLeft: 'x-license-days-left',
  /** Only when refused: the `LICENSE.*` reason code. */
  reason: 'x-license-reason',
} as const;

/** Error codes of the client app itself (besides the platform's and the `LICENSE.*` reason codes). */
export const CLIENT_APP_ERROR_CODES = {
  /** 503: the deployment has no verdict yet (no licence key installed, or start-up has not finished). */
  notReady: 'CLIENT.NOT_READY',
  /** 503: the licence is valid but no catalog snapshot was ever fetched (vendor unreachable at first start). */
  noSnapshot: 'CLIENT.NO_SNAPSHOT',
  /** 404: no such KPI among those the licence entitles. */
  kpiNotFound: 'CLIENT.KPI_NOT_FOUND',
  /** The Key Vault secret `license-key` is missing: the licence is `refused` with this reason (403 on data routes). */
  keyMissing: 'LICENSE.KEY_MISSING',
} as const;

/**
 * Why a licence is refused: the offline reasons (shared/domain/license/verdict.ts), the online ones
 * (functions/license: revoked, superseded, suspended, deactivated, …) and `LICENSE.KEY_MISSING`. Kept as a
 * string here so a reason added by the licence service never breaks an older UI.
 */
export const licenseReasonCodeSchema = z.string().regex(/^LICENSE\.[A-Z_]+$/);

/** The short form every data answer carries: what the UI's banner needs. */
export const licenseBannerSchema = z.object({
  state: z.enum(CLIENT_LICENSE_STATES),
  daysLeft: z.number().int().min(0),
  /** Only when refused. */
  reasonCode: licenseReasonCodeSchema.optional(),
  /** A sentence for people, e.g. "The licence expired on … and its grace period ended". */
  message: z.string().optional(),
});
export type LicenseBanner = z.infer<typeof licenseBannerSchema>;

/** Where the current verdict comes from. */
export const VERDICT_SOURCES = [
  /** A successful online validation (activation or `POST /api/license/validations`). */
  'online',
  /** The offline check of the key, with the last good online verdict kept in the deployment's storage. */
  'cached',
  /** The offline check alone (never validated online yet, vendor unreachable). */
  'offline',
] as const;

/** `GET /api/client-app/license`: the licence as this deployment sees it. */
export const licenseStatusSchema = licenseBannerSchema.extend({
  tenantId: tenantIdSchema,
  deploymentId: entityIdSchema,
  /** Absent when the key could not be read at all. */
  licenseId: z.string().optional(),
  /** The key's own id (`jti`; new on every renewal). */
  keyId: z.string().optional(),
  edition: z.string().optional(),
  features: z.array(z.string()).default([]),
  issuedAt: z.iso.datetime().optional(),
  expiresAt: z.iso.datetime().optional(),
  graceDays: z.number().int().min(0).optional(),
  /** `expiresAt` + `graceDays`. */
  graceEndsAt: z.iso.datetime().optional(),
  /** The KPI ids the licence entitles (empty when refused). */
  entitledKpiIds: z.array(z.string()),
  source: z.enum(VERDICT_SOURCES),
  /** When the verdict was last computed. */
  checkedAt: z.iso.datetime(),
  activatedAt: z.iso.datetime().optional(),
  lastValidatedAt: z.iso.datetime().optional(),
  /** When the deployment validates online next (the licence service's `checkAgainAt`). */
  checkAgainAt: z.iso.datetime().optional(),
  /** False when the latest call to the vendor platform failed (the deployment runs on its cache). */
  vendorReachable: z.boolean(),
  catalog: z.object({
    catalogVersion: z.string().optional(),
    etag: z.string().optional(),
    fetchedAt: z.iso.datetime().optional(),
    /** Entitled KPIs served from the snapshot. */
    kpiCount: z.number().int().min(0),
  }),
});
export type LicenseStatus = z.infer<typeof licenseStatusSchema>;

/** `PUT /api/client-app/license/key`: a tenant admin pastes a renewed key (compact JWS). */
export const renewKeyRequestSchema = z.object({ key: z.string().trim().min(1).max(120_000) }).strict();
export type RenewKeyRequest = z.infer<typeof renewKeyRequestSchema>;

/** What one licence check did. */
export const VALIDATION_KINDS = [
  'offline',
  'activation',
  'online',
  'key-installed',
  'snapshot',
  'credential-rotated',
] as const;
export const VALIDATION_OUTCOMES = ['full', 'grace', 'refused', 'unreachable', 'ok', 'failed'] as const;

/** One entry of the deployment's validation history (kept in its own storage). */
export const validationEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  kind: z.enum(VALIDATION_KINDS),
  outcome: z.enum(VALIDATION_OUTCOMES),
  reasonCode: licenseReasonCodeSchema.optional(),
  message: z.string().optional(),
  daysLeft: z.number().int().min(0).optional(),
  checkAgainAt: z.iso.datetime().optional(),
  keyId: z.string().optional(),
  /** `cold-start`, `timer`, `key-pasted`, `command:<kind>`. */
  trigger: z.string().optional(),
});
export type ValidationEntry = z.infer<typeof validationEntrySchema>;

/** `GET /api/client-app/license/validations?limit=&continuationToken=`: newest first. */
export const validationHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(4000).optional(),
});
export const validationHistoryPageSchema = z.object({
  items: z.array(validationEntrySchema),
  continuationToken: z.string().optional(),
});

/**
 * An entitled KPI as served: its definition from the signed catalog snapshot (fields of
 * shared/domain/catalog/types.ts `KpiDefinition`, plus where it comes from and what data it needs).
 */
export const clientKpiSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  formula: z.string(),
  unit: z.string(),
  unitLabel: z.string(),
  format: z.string(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  target: z.number(),
  thresholds: z.object({ good: z.number(), warning: z.number(), critical: z.number() }),
  timeGrain: z.string(),
  dimensions: z.array(z.string()),
  tags: z.array(z.string()),
  standard: z.object({ name: z.string(), code: z.string(), title: z.string() }).optional(),
  source: z.enum(['catalog', 'custom']),
  /** Published version (custom KPIs only). */
  version: z.number().int().optional(),
  requirements: requirementsSchema,
});
export type ClientKpi = z.infer<typeof clientKpiSchema>;

/** `GET /api/client-app/kpis`: the entitled KPIs, sorted by id. */
export const kpiListSchema = z.object({
  license: licenseBannerSchema,
  catalogVersion: z.string(),
  items: z.array(clientKpiSchema),
});
export type KpiList = z.infer<typeof kpiListSchema>;

export const kpiParamsSchema = z.object({
  kpiId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'a KPI id'),
});

/** `GET /api/client-app/kpis/{kpiId}`. */
export const kpiEnvelopeSchema = z.object({
  license: licenseBannerSchema,
  catalogVersion: z.string(),
  kpi: clientKpiSchema,
});

/** `GET /api/client-app/health` (public: versions and states, no business data). */
export const clientHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'locked']),
  appVersion: z.string(),
  tenantId: tenantIdSchema,
  deploymentId: entityIdSchema,
  startedAt: z.iso.datetime(),
  license: licenseBannerSchema,
  catalogVersion: z.string().optional(),
  vendorReachable: z.boolean(),
  lastHeartbeatAt: z.iso.datetime().optional(),
});
export type ClientHealth = z.infer<typeof clientHealthSchema>;

/** The refusal body of a data route: the platform error shape with the banner as details. */
export const licenseRefusalSchema = z.object({
  error: z.object({ code: licenseReasonCodeSchema, message: z.string(), details: licenseBannerSchema }),
});
