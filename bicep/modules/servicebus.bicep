// Service Bus (Standard: topics need it) with the queues, topics and subscriptions declared in
// bicep/servicebus-entities.json, the same file the local broker serves and the cross-check test reads.
// SAS keys are disabled (disableLocalAuth): apps use their managed identity with the Data Sender / Receiver
// roles (app-access.bicep). A poison message ends in the dead-letter queue after maxDeliveryCount deliveries.

@description('Region of the namespace.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Namespace name (globally unique).')
param namespaceName string

// Azure's own defaults, applied when a declaration leaves a value out (as the local broker does).
var defaultMaxDeliveryCount = 10
var defaultLockDurationSeconds = 60

var declaration = loadJsonContent('../servicebus-entities.json')
var queueList = array(declaration.queues)
var topicList = array(declaration.topics)
var subscriptionList = flatten(map(
  topicList,
  topic => map(array(topic.subscriptions), subscription => union(subscription, { topic: topic.name }))
))

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [
  for queue in queueList: {
    parent: namespace
    name: queue.name
    properties: {
      maxDeliveryCount: queue.?maxDeliveryCount ?? defaultMaxDeliveryCount
      lockDuration: 'PT${queue.?lockDurationSeconds ?? defaultLockDurationSeconds}S'
      deadLetteringOnMessageExpiration: true
    }
  }
]

resource topics 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = [
  for topic in topicList: {
    parent: namespace
    name: topic.name
    properties: {}
  }
]

// Subscriptions are flattened across topics, so each names its parent by path and waits for the topics.
resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscription in subscriptionList: {
    name: '${namespace.name}/${subscription.topic}/${subscription.name}'
    properties: {
      maxDeliveryCount: subscription.?maxDeliveryCount ?? defaultMaxDeliveryCount
      lockDuration: 'PT${subscription.?lockDurationSeconds ?? defaultLockDurationSeconds}S'
      deadLetteringOnMessageExpiration: true
      deadLetteringOnFilterEvaluationExceptions: true
    }
    dependsOn: [
      topics
    ]
  }
]

output name string = namespace.name
// serviceBusEndpoint is https://<ns>.servicebus.windows.net:443/; the Functions extension wants the host only.
output fullyQualifiedNamespace string = split(split(split(namespace.properties.serviceBusEndpoint, '//')[1], '/')[0], ':')[0]
