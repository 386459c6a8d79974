/**
 * The run request on the queue `ingestion-requests`: an envelope `{ type: 'ingestion.run-requested', data }`
 * (what `EventPublisher.publish` sends) with messageId = runId. `POST runs`, the scheduler and client-app's
 * `run-ingestion` command put it there; the queue trigger runs it.
 */
import { runRequestMessageSchema } from '@kpi/shared/contracts/ingestion';
import { z } from 'zod';

export const RUN_REQUESTED = 'ingestion.run-requested';

export const runRequestedSchema = z.object({
  type: z.literal(RUN_REQUESTED),
  data: runRequestMessageSchema,
  time: z.string().optional(),
});
