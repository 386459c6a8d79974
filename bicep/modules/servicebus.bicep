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

@description('The entities declaration (loadJsonContent of bicep/servicebus-entities.json or client-servicebus-entities.json).')
param declaration object

var queueList = array(declaration.queues)
var topicList = array(declaration.topics)

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
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
    parent: serviceBusNamespace
    name: queue.name
    properties: {
      maxDeliveryCount: queue.?maxDeliveryCount ?? defaultMaxDeliveryCount
      lockDuration: 'PT${queue.?lockDurationSeconds ?? defaultLockDurationSeconds}S'
      deadLetteringOnMessageExpiration: true
    }
  }
]

// Topics (with their subscriptions) come from one module each: see servicebus-topic.bicep.
module topics 'servicebus-topic.bicep' = [
  for topic in topicList: {
    name: take('servicebus-topic-${topic.name}', 64)
    params: {
      namespaceName: serviceBusNamespace.name
      topic: topic
      defaultMaxDeliveryCount: defaultMaxDeliveryCount
      defaultLockDurationSeconds: defaultLockDurationSeconds
    }
  }
]

output name string = serviceBusNamespace.name
// serviceBusEndpoint is https://<ns>.servicebus.windows.net:443/; the Functions extension wants the host only.
output fullyQualifiedNamespace string = split(split(split(serviceBusNamespace.properties.serviceBusEndpoint, '//')[1], '/')[0], ':')[0]
