// ONE Function app on the Flex Consumption plan (one plan per app: Flex hosts a single app per plan).
// Used once per entry of bicep/function-apps.json by main.bicep, and by client.bicep for `client-app`.
//
// Identity model: a system-assigned managed identity; no connection strings. Host storage is reached with
// AzureWebJobsStorage__accountName, the deployment package container with SystemAssignedIdentity, App Insights
// with Authorization=AAD. Data-plane roles on Cosmos/Service Bus/... are granted by app-access.bicep.

@description('Site name (globally unique).')
param name string

@description('The app folder name under functions/; azd finds the site by its azd-service-name tag.')
param serviceName string

@description('Region of the plan and the site.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Host storage account (AzureWebJobsStorage) that also holds the deployment package container.')
param hostStorageAccountName string

@description('Blob container in the host storage account that Flex Consumption deploys from.')
param deploymentContainerName string

@description('Application Insights component the app reports to.')
param appInsightsName string

@description('App setting name -> key into settingValues (an app entry\'s "settings" in bicep/function-apps.json).')
param settingBindings object

@description('Values the bindings may name: endpoints and plain configuration, never secrets.')
param settingValues object

@description('Memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// Settings every app gets from the platform (not from function-apps.json). Kept as a literal list: an object
// holding runtime values could not be turned into a list with a for-expression.
var platformSettings = [
  {
    name: 'AzureWebJobsStorage__accountName'
    value: hostStorage.name
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD'
  }
]

// settingBindings is a parameter, so it is known when the deployment starts and can drive a for-expression.
var boundSettings = [
  for setting in items(settingBindings): {
    name: setting.key
    value: settingValues[setting.value]
  }
]

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(platformSettings, boundSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// Deployments (azd) authenticate to the SCM site with Entra ID tokens; publishing passwords stay off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Identity-based host storage needs Blob Data Owner (leases for timers/singletons, the deployment package).
resource hostStorageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, site.id, storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, site.id, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = site.name
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
