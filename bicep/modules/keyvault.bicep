// Key Vault with Azure RBAC (no access policies) for the licence signing key and deployment secrets.
// The Ed25519 licence signing key is stored as a SECRET: Key Vault keys do not offer Ed25519, so the licence
// service reads the key material (Key Vault Secrets User, granted in app-access.bicep) and signs in process.
// The deploying principal may write secrets (Secrets Officer) so a provisioning script can store them;
// nothing in Bicep ever carries a secret value.

@description('Vault name (globally unique, 3-24 characters).')
param vaultName string

@description('Region of the vault.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Purge protection cannot be switched off again; keep it on wherever the licence key lives.')
param enablePurgeProtection bool = true

@description('Object id of the principal that writes deployment secrets (azd: AZURE_PRINCIPAL_ID); empty = none.')
param deployerPrincipalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // ARM rejects `false` once set; `null` leaves it off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource deployerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

output name string = vault.name
output vaultUri string = vault.properties.vaultUri
