/** What the licence service stores in Cosmos DB (containers `licenses` and `license-history`;
 * deployment credentials live in `deployment-credentials`, see shared/contracts/deployment-credential.ts). */
import { activeDeploymentSchema, historyEntrySchema } from '@kpi/shared/contracts/license';
import { EDITIONS, LICENSE_STATUSES, MILESTONES } from '@kpi/shared/domain/license/license';
import { z } from 'zod';

/** An event written with the change that causes it and published afterwards (a per-document outbox). */
export const pendingEventSchema = z.object({
  messageId: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type PendingEvent = z.infer<typeof pendingEventSchema>;

/** A licence document, partitioned by `/tenantId`. */
export const licenseDocumentSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  configurationId: z.string(),
  kpiIds: z.array(z.string()),
  edition: z.enum(EDITIONS),
  features: z.array(z.string()),
  maxDeployments: z.number().int(),
  contacts: z.array(z.string()),
  issuedAt: z.string(),
  notBefore: z.string(),
  expiresAt: z.string(),
  graceDays: z.number().int(),
  revokedAt: z.string().optional(),
  revokedReason: z.string().optional(),
  status: z.enum(LICENSE_STATUSES),
  milestonesSent: z.array(z.union(MILESTONES.map((m) => z.literal(m)))),
  /** `jti` of the current key; older keys of this licence are superseded. */
  keyId: z.string(),
  /** The current licence key (compact JWS). */
  key: z.string(),
  activeDeployments: z.array(activeDeploymentSchema),
  /** When the expiry sweep must look at this licence next; absent when nothing will change any more. */
  nextCheckAt: z.string().optional(),
  pendingEvents: z.array(pendingEventSchema),
  updatedAt: z.string(),
});
export type LicenseDocument = z.infer<typeof licenseDocumentSchema>;

export const historyDocumentSchema = historyEntrySchema;
export type HistoryDocument = z.infer<typeof historyDocumentSchema>;
