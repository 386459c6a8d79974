// One UI's storage account, served as a static website from its `$web` container.
//
// ARM cannot switch the static website on: it is a Blob service *data-plane* property. The upload script
// (`npx tsx local/web/deploy-sites.ts`, run by azd's postdeploy hook) calls Set Blob Service Properties
// (`BlobServiceClient.setProperties({ staticWebsite: { enabled: true, indexDocument: 'index.html',
// errorDocument404Path: 'index.html' } })`) before uploading, with the deployer's Entra ID token: the same code
// path as locally against Azurite. That call needs Microsoft.Storage/storageAccounts/blobServices/write, which
// the deploying principal already holds (it created this account); the upload itself needs the data role
// granted below. Shared keys stay disabled; the website endpoint serves anonymously by design.

@description('UI name (config, monitor, client).')
param siteName string

@description('Storage account name (globally unique, 3-24 lower-case letters and digits).')
param accountName string

@description('Region of the account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Object id of the principal that uploads the site (azd: AZURE_PRINCIPAL_ID); empty = none.')
param deployerPrincipalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: union(tags, { 'kpi-ui': siteName })
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

resource uploader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(account.id, deployerPrincipalId, storageBlobDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

output siteName string = siteName
output accountName string = account.name
// primaryEndpoints.web ends with '/'; a browser Origin header never does.
output origin string = take(account.properties.primaryEndpoints.web, length(account.properties.primaryEndpoints.web) - 1)
output url string = account.properties.primaryEndpoints.web
