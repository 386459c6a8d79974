/**
 * Records a platform event received from Service Bus. Idempotent by construction: the item id is the
 * message id, so a redelivered message overwrites the same record instead of adding one.
 */
import type { EventEnvelope, RecordedEvent } from '@kpi/shared/contracts/platform-events';
import type { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';

export async function recordEvent(
  events: GlobalRepository<RecordedEvent>,
  envelope: EventEnvelope,
  meta: { messageId: string; source: string; receivedAt: Date },
): Promise<RecordedEvent> {
  const record: RecordedEvent = {
    id: meta.messageId,
    type: envelope.type,
    source: meta.source,
    ...(envelope.subject ? { subject: envelope.subject } : {}),
    time: envelope.time,
    receivedAt: meta.receivedAt.toISOString(),
    data: envelope.data,
  };
  await events.upsert(record);
  return record;
}

/** The newest events first. */
export async function latestEvents(
  events: GlobalRepository<RecordedEvent>,
  limit: number,
): Promise<RecordedEvent[]> {
  const page = await events.query({ orderBy: 'c.receivedAt DESC' }, { maxItemCount: limit });
  return page.items;
}
