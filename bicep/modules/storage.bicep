// Storage for the vendor platform:
// - one data account (app data blobs: STORAGE__blobServiceUri); the code creates the containers it names,
//   which Storage Blob Data Contributor (app-access.bicep) allows;
// - one host account per Function app (AzureWebJobsStorage__accountName) with its deployment package container;
// - one static-website account per UI (static-site.bicep).
// Shared keys are disabled on every account: only Entra ID identities reach the data.

@description('Region of every account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Suffix that makes account names globally unique (13 lower-case characters from uniqueString).')
param token string

@description('Function app folder names (bicep/function-apps.json): one host account each, in this order.')
param appNames array

@description('UI names: one static-website account each.')
param siteNames array

@description('Object id of the principal that uploads the UIs; empty = none.')
param deployerPrincipalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

var deploymentContainerName = 'app-package'

resource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stdata${token}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

// 'st' + up to 9 characters of the app name + 13-character token = at most 24 characters.
resource hosts 'Microsoft.Storage/storageAccounts@2023-05-01' = [
  for app in appNames: {
    name: 'st${take(replace(app, '-', ''), 9)}${token}'
    location: location
    tags: union(tags, { 'kpi-function-app': app })
    kind: 'StorageV2'
    sku: {
      name: 'Standard_LRS'
    }
    properties: {
      allowSharedKeyAccess: false
      allowBlobPublicAccess: false
      defaultToOAuthAuthentication: true
      minimumTlsVersion: 'TLS1_2'
      supportsHttpsTrafficOnly: true
    }
  }
]

resource hostBlobServices 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = [
  for (app, i) in appNames: {
    parent: hosts[i]
    name: 'default'
  }
]

resource deploymentContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for (app, i) in appNames: {
    parent: hostBlobServices[i]
    name: deploymentContainerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// 'stweb' + up to 6 characters of the UI name + 13-character token = at most 24 characters.
module sites 'static-site.bicep' = [
  for site in siteNames: {
    name: 'static-site-${site}'
    params: {
      siteName: site
      accountName: 'stweb${take(replace(site, '-', ''), 6)}${token}'
      location: location
      tags: tags
      deployerPrincipalId: deployerPrincipalId
      deployerPrincipalType: deployerPrincipalType
    }
  }
]

output dataAccountName string = data.name
output dataBlobEndpoint string = data.properties.primaryEndpoints.blob
output hostAccountNames array = [for (app, i) in appNames: hosts[i].name]
output deploymentContainerName string = deploymentContainerName
output sites array = [
  for (site, i) in siteNames: {
    name: site
    storageAccount: sites[i].outputs.accountName
    url: sites[i].outputs.url
  }
]
output siteOrigins array = [for (site, i) in siteNames: sites[i].outputs.origin]
