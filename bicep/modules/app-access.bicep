// Data-plane roles of ONE Function app's managed identity, from its "roles" in bicep/function-apps.json.
//
// Why a separate module rather than role assignments inside cosmos.bicep, servicebus.bicep, ...: each app's
// settings need those modules' outputs (endpoints) and each role assignment needs the app's principal id, so
// putting both in one module would be a dependency cycle (service -> app -> service). Order in main.bicep:
// services, then apps, then this module per app.

@description('Object id of the app\'s system-assigned identity.')
param principalId string

@description('Role names from bicep/function-apps.json (schema-checked by bicep/bicep-crosscheck.test.ts).')
param roles array

@description('Cosmos DB account (role: cosmos-data-contributor).')
param cosmosAccountName string

@description('Service Bus namespace (roles: servicebus-sender, servicebus-receiver).')
param serviceBusNamespaceName string

@description('Data storage account (role: storage-blob-data-contributor).')
param dataStorageAccountName string

@description('Communication Services resource (role: email-sender); empty where there is none (a client deployment).')
param communicationServiceName string

@description('Key Vault (roles: keyvault-secrets-user, keyvault-secrets-officer).')
param keyVaultName string

var roleIds = {
  // Cosmos DB Built-in Data Contributor: a Cosmos SQL role, not an Azure RBAC role.
  cosmosDataContributor: '00000000-0000-0000-0000-000000000002'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // ACS honours only built-in roles for Entra ID e-mail sending; this is the one that allows it.
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dataStorageAccountName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource cosmosData 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (contains(
  roles,
  'cosmos-data-contributor'
)) {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, principalId, roleIds.cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${roleIds.cosmosDataContributor}'
    principalId: principalId
    scope: cosmosAccount.id
  }
}

resource serviceBusSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (contains(
  roles,
  'servicebus-sender'
)) {
  name: guid(serviceBus.id, principalId, roleIds.serviceBusDataSender)
  scope: serviceBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource serviceBusReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (contains(
  roles,
  'servicebus-receiver'
)) {
  name: guid(serviceBus.id, principalId, roleIds.serviceBusDataReceiver)
  scope: serviceBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (contains(
  roles,
  'storage-blob-data-contributor'
)) {
  name: guid(dataStorage.id, principalId, roleIds.storageBlobDataContributor)
  scope: dataStorage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.storageBlobDataContributor
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (contains(roles, 'email-sender')) {
  name: guid(communicationService.id, principalId, roleIds.communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.communicationAndEmailServiceOwner
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (contains(
  roles,
  'keyvault-secrets-user'
)) {
  name: guid(keyVault.id, principalId, roleIds.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (contains(
  roles,
  'keyvault-secrets-officer'
)) {
  name: guid(keyVault.id, principalId, roleIds.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
