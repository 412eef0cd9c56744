// The vault of the model API keys. Access is by Azure RBAC only (no access policies); the app reads secrets through
// Key Vault references with its user-assigned identity (Key Vault Secrets User, app/rbac.bicep). Soft delete keeps
// a deleted key recoverable for 7 days; purge protection stays off so that `azd down --purge` can remove the vault.
param name string
param location string
param tags object

@secure()
@description('OpenAI API key; when empty no secret is created.')
param openAiApiKey string

@description('Name of the secret that holds openAiApiKey.')
param openAiApiKeySecretName string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
    publicNetworkAccess: 'Enabled'
    accessPolicies: []
  }
}

resource openAiKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(openAiApiKey)) {
  parent: vault
  name: openAiApiKeySecretName
  properties: {
    value: openAiApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
