/**
 * Service Bus entity names, checked against `bicep/servicebus-entities.json`: the one declaration that Bicep
 * deploys, the local broker serves and `bicep/bicep-crosscheck.test.ts` reads.
 *
 * Publishers name a topic or queue ONLY as `topicName('x')` / `queueName('x')`; trigger registrations write
 * `topicName: 'x', subscriptionName: 'y'` / `queueName: 'x'` literals (or these calls). The cross-check test
 * scans for both forms. Call these at module scope: an undeclared name stops the app at start-up with
 * `SERVICEBUS.*_UNDECLARED` rather than failing on first use in Azure, where nothing creates entities at run time.
 */
import { z } from 'zod';
import declarationJson from '../../../bicep/servicebus-entities.json';
import { AppError } from '../errors';

/** Error codes thrown for names that `bicep/servicebus-entities.json` does not declare. */
export const EntityErrorCodes = {
  topicUndeclared: 'SERVICEBUS.TOPIC_UNDECLARED',
  queueUndeclared: 'SERVICEBUS.QUEUE_UNDECLARED',
  subscriptionUndeclared: 'SERVICEBUS.SUBSCRIPTION_UNDECLARED',
} as const;

// Only the names matter here; delivery settings are validated by the local broker and the cross-check test.
const named = z.object({ name: z.string().min(1) });
const namesSchema = z.object({
  queues: z.array(named),
  topics: z.array(named.extend({ subscriptions: z.array(named) })),
});

/** Name checkers bound to one declaration. */
export interface EntityNames {
  /** The topic's name, if declared. */
  topicName(topic: string): string;
  /** The queue's name, if declared. */
  queueName(queue: string): string;
  /** The subscription's name, if declared under `topic`. */
  subscriptionName(topic: string, subscription: string): string;
}

/** Returns name checkers bound to one declaration (the bundled file by default). */
export function createEntityNames(declaration: unknown): EntityNames {
  const parsed = namesSchema.safeParse(declaration);
  if (!parsed.success) {
    throw new AppError(
      'SERVICEBUS.DECLARATION_INVALID',
      `servicebus-entities.json: ${z.prettifyError(parsed.error)}`,
    );
  }
  const queues = new Set(parsed.data.queues.map((q) => q.name));
  const topics = new Map(
    parsed.data.topics.map((t) => [t.name, new Set(t.subscriptions.map((s) => s.name))]),
  );
  const undeclared = (code: string, what: string) =>
    new AppError(code, `${what} is not declared in bicep/servicebus-entities.json`);

  return {
    topicName(topic) {
      if (!topics.has(topic)) throw undeclared(EntityErrorCodes.topicUndeclared, `Topic "${topic}"`);
      return topic;
    },
    queueName(queue) {
      if (!queues.has(queue)) throw undeclared(EntityErrorCodes.queueUndeclared, `Queue "${queue}"`);
      return queue;
    },
    subscriptionName(topic, subscription) {
      const subscriptions = topics.get(topic);
      if (!subscriptions) throw undeclared(EntityErrorCodes.topicUndeclared, `Topic "${topic}"`);
      if (!subscriptions.has(subscription)) {
        throw undeclared(EntityErrorCodes.subscriptionUndeclared, `Subscription "${topic}/${subscription}"`);
      }
      return subscription;
    },
  };
}

const bundled = createEntityNames(declarationJson);

/** The topic's name, if `bicep/servicebus-entities.json` declares it; throws `SERVICEBUS.TOPIC_UNDECLARED` otherwise. */
export const topicName = (topic: string): string => bundled.topicName(topic);

/** The queue's name, if declared; throws `SERVICEBUS.QUEUE_UNDECLARED` otherwise. */
export const queueName = (queue: string): string => bundled.queueName(queue);

/** The subscription's name, if declared under `topic`; throws `SERVICEBUS.SUBSCRIPTION_UNDECLARED` otherwise. */
export const subscriptionName = (topic: string, subscription: string): string =>
  bundled.subscriptionName(topic, subscription);
