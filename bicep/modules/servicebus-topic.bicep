// One Service Bus topic and its subscriptions (one entry of "topics" in bicep/servicebus-entities.json).
// A module per topic keeps the subscription loop flat: Bicep cannot nest resource loops.

@description('Existing Service Bus namespace.')
param namespaceName string

@description('The topic declaration: { name, subscriptions: [{ name, maxDeliveryCount?, lockDurationSeconds? }] }.')
param topic object

@description('Applied when a subscription leaves maxDeliveryCount out (Azure\'s default).')
param defaultMaxDeliveryCount int

@description('Applied when a subscription leaves lockDurationSeconds out (Azure\'s default).')
param defaultLockDurationSeconds int

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: namespaceName
}

resource serviceBusTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: serviceBusNamespace
  name: topic.name
  properties: {}
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscription in array(topic.subscriptions): {
    parent: serviceBusTopic
    name: subscription.name
    properties: {
      maxDeliveryCount: subscription.?maxDeliveryCount ?? defaultMaxDeliveryCount
      // ISO 8601 duration, e.g. PT30S.
      lockDuration: 'PT${subscription.?lockDurationSeconds ?? defaultLockDurationSeconds}S'
      deadLetteringOnMessageExpiration: true
      deadLetteringOnFilterEvaluationExceptions: true
    }
  }
]

output name string = serviceBusTopic.name
