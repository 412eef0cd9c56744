// A storage account reached only with Entra ID: shared keys off (no connection string can work, so none can leak),
// HTTPS only, TLS 1.2, no anonymous blob access. Containers and queues are created here so that the app finds them.
param name string
param location string
param tags object

@description('Blob containers to create.')
param containers string[] = []

@description('Queues to create.')
param queues string[] = []

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource container 'containers' = [
      for container in containers: {
        name: container
        properties: { publicAccess: 'None' }
      }
    ]
  }

  resource queueServices 'queueServices' = {
    name: 'default'

    resource queue 'queues' = [
      for queue in queues: {
        name: queue
      }
    ]
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
