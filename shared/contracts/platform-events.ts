/** Platform events as messages on Service Bus topics and as the monitoring service records them. */
import { z } from 'zod';

/** The message body every publisher sends (see shared/platform/servicebus EventPublisher). */
export const eventEnvelopeSchema = z.object({
  type: z.string().min(1).max(100),
  subject: z.string().max(200).optional(),
  data: z.unknown(),
  time: z.string().datetime(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** `catalog.published` on topic `catalog-events`: a catalog version became current. */
export const catalogPublishedSchema = eventEnvelopeSchema.extend({
  type: z.literal('catalog.published'),
  data: z.object({
    catalogVersion: z.string().min(1).max(100),
    kpiCount: z.number().int().nonnegative(),
    publishedBy: z.string().max(320),
  }),
});
export type CatalogPublished = z.infer<typeof catalogPublishedSchema>;

/** A platform event as recorded by monitoring (`GET /api/monitoring/events`). */
export const recordedEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  /** The app that published it. */
  source: z.string(),
  subject: z.string().optional(),
  time: z.string(),
  receivedAt: z.string(),
  data: z.unknown(),
});
export type RecordedEvent = z.infer<typeof recordedEventSchema>;

export const recordedEventListSchema = z.object({ items: z.array(recordedEventSchema) });
