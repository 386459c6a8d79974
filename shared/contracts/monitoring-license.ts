/**
 * Licence tracking in monitoring: the latest state of each licence as told by the licence service's
 * `license.*` events (topic `license-events`, subscription `monitoring`). Container `license-tracking`,
 * partition key `/tenantId`.
 */
import { z } from 'zod';
import { LICENSE_EVENT_TYPES, licenseEventDataSchema } from './license';

/** A `license.*` message as monitoring reads it. */
export const licenseEventMessageSchema = z.object({
  type: z.enum(LICENSE_EVENT_TYPES),
  subject: z.string().optional(),
  data: licenseEventDataSchema,
  time: z.string(),
});
export type LicenseEventMessage = z.infer<typeof licenseEventMessageSchema>;

export const trackedLicenseSchema = z.object({
  /** The licence id. */
  id: z.string(),
  tenantId: z.string(),
  configurationId: z.string(),
  status: z.string(),
  expiresAt: z.string(),
  graceDays: z.number(),
  contacts: z.array(z.string()),
  lastEventType: z.enum(LICENSE_EVENT_TYPES),
  lastEventAt: z.string(),
  /** Open alert id per licence rule (license-expiring, license-expired). */
  openAlerts: z.record(z.string(), z.string()).default({}),
  alertSeq: z.number().int().min(0).default(0),
  updatedAt: z.iso.datetime(),
});
export type TrackedLicense = z.infer<typeof trackedLicenseSchema>;

/** A tracked licence with its days left at the time of the request. */
export const trackedLicenseViewSchema = trackedLicenseSchema.extend({ daysLeft: z.number() });

export const trackedLicenseListSchema = z.object({
  items: z.array(trackedLicenseViewSchema),
  continuationToken: z.string().optional(),
});
