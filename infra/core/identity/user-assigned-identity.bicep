// The one identity of the app: storage, Key Vault references and Application Insights ingestion all authenticate
// as it, so its role assignments (app/rbac.bicep) are the whole of what the app may do.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
