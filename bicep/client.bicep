// One client deployment, deployed into the CLIENT's own subscription (resource-group scope); README.md
// "Deploying a client" walks through it:
//   az deployment group create -g <client-rg> -f bicep/client.bicep -p @client.parameters.json -p licenseKey=<key>
// Declarations read here (the same files the local client deployment and the cross-check test read):
//   client-function-apps.json       -> one Function app (+ its roles) per entry (run-from-package, Flex Consumption)
//   client-cosmos-containers.json   -> modules/cosmos.bicep (the deployment's own serverless account)
//   client-servicebus-entities.json -> modules/servicebus.bicep (the deployment's own namespace)
// Identity only: every app reaches storage, Cosmos DB, Service Bus and Key Vault with its managed identity; the
// one secret value, the licence key, goes straight from its @secure() parameter into the Key Vault secret
// `license-key` and is never an app setting.

@minLength(1)
@maxLength(40)
@description('Client deployment name: tags every resource and seeds the unique name suffix.')
param clientName string

@description('Region of every regional resource.')
param location string = resourceGroup().location

@description('The tenant id of the client on the vendor platform (the licence key must name it).')
param tenantId string

@description('The deployment id the licence is activated with (unique per tenant), e.g. contoso-prod-eu.')
param deploymentId string

@description('The vendor platform\'s public API base, e.g. https://api.kpi-platform.example/api (outbound HTTPS only).')
param vendorApiUrl string

@description('The vendor\'s published licence keys (JWKS JSON) shipped with the client package: keys and snapshots verify against these.')
param trustedJwks string

@description('OpenID issuer of the client\'s own identity provider (Entra ID: https://login.microsoftonline.com/<tenant>/v2.0).')
param authIssuer string

@description('Audience (application ID URI) the client\'s tokens are issued for.')
param authAudience string

@description('The licence key issued by the vendor (compact JWS). Stored as the Key Vault secret license-key only.')
@secure()
param licenseKey string

@description('Object id of the principal that deploys (uploads the Client UI, may read secrets); empty = none.')
param principalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Serve the Client UI through Azure Front Door Standard, which adds the headers a static website cannot send (frame-ancestors, X-Frame-Options…; see modules/ui-front-door.bicep). Off: the pages keep their meta CSP but can be framed; saves the profile fee.')
param uiFrontDoor bool = true

var tags = {
  'kpi-client': clientName
}
var token = toLower(uniqueString(subscription().id, resourceGroup().id, clientName))
var clientApps = loadJsonContent('client-function-apps.json').apps

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    appInsightsName: 'appi-${token}'
  }
}

// Host storage per app (AzureWebJobsStorage, deployment packages), the data account (the deployment's state)
// and the Client UI's static website.
module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    token: token
    appNames: map(clientApps, app => app.name)
    siteNames: [
      'client'
    ]
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module uiFront 'modules/ui-front-door.bicep' = if (uiFrontDoor) {
  name: 'ui-front-door'
  params: {
    profileName: 'afd-${token}'
    sites: storage.outputs.sites
    tags: tags
  }
}
// Where users reach the Client UI: through Front Door when it is deployed, else the static website.
var uiOrigins = uiFrontDoor ? uiFront.outputs.origins : storage.outputs.siteOrigins

// The deployment's own Cosmos DB (sources, mappings, lake manifest, KPI results) and Service Bus (ingestion
// and calculation events): nothing of the client's data is shared with the vendor or another client.
module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    declaration: loadJsonContent('client-cosmos-containers.json')
    location: location
    tags: tags
    accountName: 'cosmos-${token}'
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    declaration: loadJsonContent('client-servicebus-entities.json')
    location: location
    tags: tags
    namespaceName: 'sb-${token}'
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    vaultName: 'kv-${token}'
    location: location
    tags: tags
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-${token}'
}

// The seed's "registry key": client-app reads it at each cold start and writes renewed keys pasted by a
// tenant admin as new versions of the same secret.
resource licenseKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'license-key'
  properties: {
    value: licenseKey
    contentType: 'application/jwt'
  }
  dependsOn: [
    keyVault
  ]
}

// Every value an app setting may bind to (client-function-apps.json: setting name -> one of these keys).
var settingValues = {
  'deployment.tenantId': tenantId
  'deployment.id': deploymentId
  'vendor.apiUrl': vendorApiUrl
  'vendor.trustedJwks': trustedJwks
  'keyvault.uri': keyVault.outputs.vaultUri
  'storage.blobServiceUri': storage.outputs.dataBlobEndpoint
  'cosmos.endpoint': cosmos.outputs.endpoint
  'cosmos.database': cosmos.outputs.databaseName
  'servicebus.namespace': serviceBus.outputs.fullyQualifiedNamespace
  'auth.issuer': authIssuer
  'auth.audience': authAudience
  'ui.origins': join(union(uiOrigins, storage.outputs.siteOrigins), ',')
}

module apps 'modules/function-app.bicep' = [
  for (app, i) in clientApps: {
    name: 'function-app-${app.name}'
    params: {
      name: 'func-${app.name}-${token}'
      serviceName: app.name
      location: location
      tags: tags
      hostStorageAccountName: storage.outputs.hostAccountNames[i]
      deploymentContainerName: storage.outputs.deploymentContainerName
      appInsightsName: monitoring.outputs.appInsightsName
      settingBindings: app.settings
      settingValues: settingValues
    }
  }
]

module access 'modules/app-access.bicep' = [
  for (app, i) in clientApps: {
    name: 'app-access-${app.name}'
    params: {
      principalId: apps[i].outputs.principalId
      roles: app.roles
      cosmosAccountName: cosmos.outputs.accountName
      serviceBusNamespaceName: serviceBus.outputs.name
      dataStorageAccountName: storage.outputs.dataAccountName
      // No e-mail in a client deployment: monitoring (vendor side) is the only sender.
      communicationServiceName: ''
      keyVaultName: keyVault.outputs.name
    }
  }
]

output FUNCTION_APPS array = [
  for (app, i) in clientApps: {
    name: app.name
    siteName: apps[i].outputs.name
    url: 'https://${apps[i].outputs.defaultHostName}'
  }
]
// Same shape as main.bicep's UI_SITES, so the one upload script serves both; `url` is where users reach the UI.
output UI_SITES array = [
  for (site, i) in ['client']: {
    name: site
    storageAccount: storage.outputs.sites[i].storageAccount
    url: uiFrontDoor ? uiFront.outputs.urls[i] : storage.outputs.sites[i].url
  }
]
output KEY_VAULT_URI string = keyVault.outputs.vaultUri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
