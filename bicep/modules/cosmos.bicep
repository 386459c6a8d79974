// Cosmos DB for NoSQL: one account, one database, the containers of a declaration: bicep/cosmos-containers.json
// for the vendor platform (main.bicep; the same file the local stack creates its containers from, and the
// cross-check test reads), bicep/client-cosmos-containers.json for a client deployment (client.bicep).
//
// Capacity mode: SERVERLESS. The platform's traffic is bursty and small (catalog reads, heartbeats every 60 s per
// client deployment, alert state): serverless bills per request with no idle floor per container, where
// autoscale would bill at least 10% of its maximum RU/s around the clock for each database or container.
// Its limits (one region, burst ceiling per physical partition) suit this load; an account can later be
// migrated to provisioned throughput in place if sustained traffic grows.
//
// Keys are disabled (disableLocalAuth): apps use their managed identity with the built-in Data Contributor
// role (app-access.bicep). That role cannot create databases or containers, which is why they are declared
// here and never created by the code in Azure.

@description('Region of the account (serverless accounts have exactly one).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Account name (globally unique, lower case).')
param accountName string

@description('The containers declaration (loadJsonContent of bicep/cosmos-containers.json or client-cosmos-containers.json).')
param declaration object

// array() widens the element type so optional fields can be read with the safe-dereference operator.
var containerList = array(declaration.containers)

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: declaration.database
  properties: {
    resource: {
      id: declaration.database
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containerList: {
    parent: database
    name: container.name
    properties: {
      // defaultTtl and compositeIndexes are optional in the declaration: add them only when present.
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [
              container.partitionKey
            ]
            kind: 'Hash'
            version: 2
          }
        },
        container.?defaultTtl == null ? {} : { defaultTtl: container.?defaultTtl },
        container.?compositeIndexes == null
          ? {}
          : {
              indexingPolicy: {
                indexingMode: 'consistent'
                automatic: true
                includedPaths: [
                  {
                    path: '/*'
                  }
                ]
                compositeIndexes: container.?compositeIndexes
              }
            }
      )
    }
  }
]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
