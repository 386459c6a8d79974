/**
 * Licence service contracts: requests, responses and `license.*` events (topic `license-events`). Used by
 * `functions/license`, the Config/Monitor UIs, monitoring (reminder e-mails) and the client app.
 */
import { z } from 'zod';
import { EDITIONS, LICENSE_STATUSES, MILESTONES } from '../domain/license/license';
import { entityIdSchema } from './ids';

const id = entityIdSchema;
const isoTime = z.iso.datetime({ offset: false });

/** `POST /api/license/licenses`: issue a licence for a tenant's configuration. */
export const issueLicenseRequestSchema = z
  .object({
    tenantId: id,
    configurationId: id,
    /**
     * Entitled KPI ids. Default: the configuration's selection (read from Config); when given, a part of
     * it — or, for a configuration kept outside Config, the whole entitlement.
     */
    kpiIds: z.array(id).min(1).max(2000).optional(),
    edition: z.enum(EDITIONS),
    features: z.array(id).max(50).default([]),
    maxDeployments: z.number().int().min(1).max(100),
    /** Default: now. */
    notBefore: isoTime.optional(),
    expiresAt: isoTime,
    graceDays: z.number().int().min(0).max(90).default(30),
    contacts: z.array(z.email().max(320)).min(1).max(20),
  })
  .strict();
export type IssueLicenseRequest = z.infer<typeof issueLicenseRequestSchema>;

/** `POST …/licenses/{id}/renew`: a new expiry (and optionally grace); a new key supersedes the old one. */
export const renewLicenseRequestSchema = z
  .object({ expiresAt: isoTime, graceDays: z.number().int().min(0).max(90).optional() })
  .strict();

/** `POST …/licenses/{id}/revoke`. */
export const revokeLicenseRequestSchema = z.object({ reason: z.string().min(3).max(500) }).strict();

export const activeDeploymentSchema = z.object({
  deploymentId: z.string(),
  /** The id of the deployment credential issued at activation. */
  activationId: z.string(),
  activatedAt: z.string(),
  /**
   * When the deployment last validated online, recorded at most every few minutes (see
   * functions/license/licenses/deployments.ts); absent until its first recorded validation and on older
   * documents.
   */
  lastValidatedAt: z.string().optional(),
});

/** A licence as the API shows it (`status` is computed at the time of the request). */
export const licenseViewSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  configurationId: z.string(),
  kpiIds: z.array(z.string()),
  edition: z.enum(EDITIONS),
  features: z.array(z.string()),
  maxDeployments: z.number(),
  contacts: z.array(z.string()),
  issuedAt: z.string(),
  notBefore: z.string(),
  expiresAt: z.string(),
  graceDays: z.number(),
  revokedAt: z.string().optional(),
  status: z.enum(LICENSE_STATUSES),
  daysLeft: z.number(),
  keyId: z.string(),
  activeDeployments: z.array(activeDeploymentSchema),
  /** The newest `lastValidatedAt` of its active deployments; absent when none has a recorded validation. */
  lastValidatedAt: z.string().optional(),
});
export type LicenseView = z.infer<typeof licenseViewSchema>;

export const licenseWithKeySchema = z.object({ license: licenseViewSchema, key: z.string() });
export const licenseListSchema = z.object({
  items: z.array(licenseViewSchema),
  continuationToken: z.string().optional(),
});

export const historyEntrySchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  licenseId: z.string(),
  at: z.string(),
  action: z.enum([
    'issued',
    'renewed',
    'revoked',
    'activated',
    'deactivated',
    'status-changed',
    'milestone',
    'credential-rotated',
  ]),
  by: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export const historyListSchema = z.object({ items: z.array(historyEntrySchema) });

/**
 * A licence key is a compact JWS: three base64url parts. The verifier enforces the exact limits (and answers
 * `LICENSE.KEY_OVERSIZED` above `KEY_LIMITS.maxKeyChars`); this bound only keeps the request small.
 */
const licenseKey = z.string().min(1).max(120_000);
const deploymentId = id;

/** `POST /api/license/activations`: a deployment presents its key and id, gets a credential once. */
export const activationRequestSchema = z.object({ key: licenseKey, deploymentId }).strict();
export const activationResponseSchema = z.object({
  licenseId: z.string(),
  tenantId: z.string(),
  deploymentId: z.string(),
  credentialId: z.string(),
  /** The deployment credential token `<credentialId>.<secret>`: shown once, only its hash is stored. */
  credential: z.string(),
});

/**
 * `POST /api/license/deployments/{deploymentId}/credential`: an active deployment, authenticated with its
 * current credential, gets a new one; the presented one is revoked once the new one is stored.
 */
export const credentialRotationRequestSchema = z.object({}).strict();
export const credentialRotationResponseSchema = activationResponseSchema.extend({
  /** The credential that was presented, revoked now. */
  previousCredentialId: z.string(),
});

/**
 * `POST /api/license/validations`: online validation by a deployment, which sends its credential as
 * `Authorization: Deployment <credentialId>.<secret>` (shared/contracts/deployment-credential.ts).
 */
export const validationRequestSchema = z.object({ key: licenseKey, deploymentId }).strict();
export const validationResponseSchema = z.object({
  licenseId: z.string(),
  status: z.enum(LICENSE_STATUSES),
  /** `full` or `grace`: what the deployment may do now. */
  mode: z.enum(['full', 'grace']),
  daysLeft: z.number(),
  kpiIds: z.array(z.string()),
  edition: z.enum(EDITIONS),
  features: z.array(z.string()),
  serverTime: z.string(),
  /** When the deployment should validate again at the latest. */
  checkAgainAt: z.string(),
});
export type ValidationResponse = z.infer<typeof validationResponseSchema>;

export const jwksSchema = z.object({
  keys: z.array(
    z.object({
      kty: z.literal('OKP'),
      crv: z.literal('Ed25519'),
      x: z.string(),
      kid: z.string(),
      alg: z.literal('EdDSA'),
      use: z.literal('sig'),
    }),
  ),
});

/** Types of events on topic `license-events`. */
export const LICENSE_EVENT_TYPES = [
  'license.issued',
  'license.renewed',
  'license.revoked',
  'license.expiring',
  'license.expired',
  'license.suspended',
] as const;
export type LicenseEventType = (typeof LICENSE_EVENT_TYPES)[number];

/** Data of every `license.*` event: enough for a reminder e-mail without reading the licence. */
export const licenseEventDataSchema = z.object({
  licenseId: z.string(),
  tenantId: z.string(),
  configurationId: z.string(),
  expiresAt: z.string(),
  graceDays: z.number(),
  status: z.enum(LICENSE_STATUSES),
  contacts: z.array(z.string()),
  /** `license.expiring`: the milestone (days before expiry). */
  milestone: z.union(MILESTONES.map((m) => z.literal(m))).optional(),
  /** Deterministic per effect (licence, expiry, milestone/status): consumers de-duplicate on it. */
  idempotencyKey: z.string(),
});
export type LicenseEventData = z.infer<typeof licenseEventDataSchema>;
