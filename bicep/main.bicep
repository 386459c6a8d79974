// The vendor platform (everything except the client deployments, which use client.bicep): `azd up`.
//
// Declarations flow from JSON files that the code and the local stack read too:
//   function-apps.json       -> one Function app (+ its roles) per entry
//   cosmos-containers.json   -> modules/cosmos.bicep
//   servicebus-entities.json -> modules/servicebus.bicep
// bicep-crosscheck.test.ts checks them against the code, since no Bicep compiler runs on our machines.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('azd environment name: tags every resource and seeds the unique name suffix.')
param environmentName string

@description('Region of every regional resource.')
param location string = resourceGroup().location

@description('Object id of the deploying principal (azd: AZURE_PRINCIPAL_ID): uploads the UIs, writes deployment secrets.')
param principalId string = ''

@description('Kind of the deploying principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Token issuer the APIs trust; empty = this tenant\'s Entra ID v2.0 issuer.')
param authIssuer string = ''

@description('Audience the APIs accept (the API app registration\'s identifier URI); empty = api://kpi-<environmentName>.')
param authAudience string = ''

@description('Geography where e-mail data is stored at rest.')
param emailDataLocation string = 'Europe'

@description('Key Vault purge protection (irreversible once on). Turn off only for throw-away environments.')
param keyVaultPurgeProtection bool = true

var tags = {
  'azd-env-name': environmentName
}
var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var functionApps = loadJsonContent('function-apps.json').apps
// UIs served from the vendor subscription; the Client UI is deployed by client.bicep.
var siteNames = [
  'config'
  'monitor'
]
var issuer = empty(authIssuer) ? '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0' : authIssuer
var audience = empty(authAudience) ? 'api://kpi-${environmentName}' : authAudience

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    appInsightsName: 'appi-${token}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    token: token
    appNames: map(functionApps, app => app.name)
    siteNames: siteNames
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    declaration: loadJsonContent('cosmos-containers.json')
    location: location
    tags: tags
    accountName: 'cosmos-${token}'
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    declaration: loadJsonContent('servicebus-entities.json')
    location: location
    tags: tags
    namespaceName: 'sb-${token}'
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  params: {
    communicationServiceName: 'acs-${token}'
    emailServiceName: 'email-${token}'
    dataLocation: emailDataLocation
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    vaultName: 'kv-${token}'
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

// Every value an app setting may bind to (function-apps.json: setting name -> one of these keys).
// Endpoints and plain configuration only: identity-based connections carry no secret.
var settingValues = {
  'cosmos.endpoint': cosmos.outputs.endpoint
  'cosmos.database': cosmos.outputs.databaseName
  'servicebus.namespace': serviceBus.outputs.fullyQualifiedNamespace
  'storage.blobServiceUri': storage.outputs.dataBlobEndpoint
  'email.endpoint': communication.outputs.endpoint
  'email.sender': communication.outputs.senderAddress
  'keyvault.uri': keyVault.outputs.vaultUri
  // The licence signing key ring (JSON) as a Key Vault reference: the platform resolves it with the app's
  // identity (Key Vault Secrets User); Bicep never sees the value. Write the secret once after provisioning.
  'keyvault.licenseSigningKeys': '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.vaultUri}secrets/license-signing-keys/)'
  'auth.issuer': issuer
  'auth.audience': audience
  'ui.origins': join(storage.outputs.siteOrigins, ',')
  // Links in e-mails (alert inbox, licence renewal page) point at the Monitor UI.
  'ui.monitorUrl': storage.outputs.siteOrigins[indexOf(siteNames, 'monitor')]
}

module apps 'modules/function-app.bicep' = [
  for (app, i) in functionApps: {
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
  for (app, i) in functionApps: {
    name: 'app-access-${app.name}'
    params: {
      principalId: apps[i].outputs.principalId
      roles: app.roles
      cosmosAccountName: cosmos.outputs.accountName
      serviceBusNamespaceName: serviceBus.outputs.name
      dataStorageAccountName: storage.outputs.dataAccountName
      communicationServiceName: communication.outputs.name
      keyVaultName: keyVault.outputs.name
    }
  }
]

// Outputs become azd environment values, read by the postdeploy hook (local/web/deploy-sites.ts).
output FUNCTION_APPS array = [
  for (app, i) in functionApps: {
    name: app.name
    siteName: apps[i].outputs.name
    url: 'https://${apps[i].outputs.defaultHostName}'
  }
]
output UI_SITES array = storage.outputs.sites
output AUTH_ISSUER string = issuer
output AUTH_AUDIENCE string = audience
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output STORAGE_BLOB_ENDPOINT string = storage.outputs.dataBlobEndpoint
output EMAIL_SENDER string = communication.outputs.senderAddress
output KEY_VAULT_URI string = keyVault.outputs.vaultUri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
