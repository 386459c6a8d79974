/**
 * Service Bus entity names of a client deployment's apps, checked against `bicep/client-servicebus-entities.json`
 * (the deployment's own namespace) as `topicName` checks the vendor's against servicebus-entities.json. Client
 * apps import these from here, with string literals, so the cross-check sees each name.
 */
import clientDeclarationJson from '../../../bicep/client-servicebus-entities.json';
import { createEntityNames } from './entity-names';

const client = createEntityNames(clientDeclarationJson);

/** The topic's name, if `bicep/client-servicebus-entities.json` declares it (`SERVICEBUS.TOPIC_UNDECLARED` otherwise). */
export const topicName = (topic: string): string => client.topicName(topic);

/** The queue's name, if declared (`SERVICEBUS.QUEUE_UNDECLARED` otherwise). */
export const queueName = (queue: string): string => client.queueName(queue);

/** The subscription's name, if declared under `topic` (`SERVICEBUS.SUBSCRIPTION_UNDECLARED` otherwise). */
export const subscriptionName = (topic: string, subscription: string): string =>
  client.subscriptionName(topic, subscription);
