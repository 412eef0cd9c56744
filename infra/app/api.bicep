// The Functions app on Flex Consumption (FC1, Linux): .NET 10 isolated worker, deployed by azd into a blob container
// of the host's storage, running as the user-assigned identity. Every connection is identity-based: no setting holds
// a storage key, and model API keys are Key Vault references resolved with the same identity.
param name string
param planName string
param location string
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (the credential the host and the SDKs ask a token for).')
param identityClientId string

@description('Blob endpoint of the host storage account (AzureWebJobsStorage, deployment package).')
param hostBlobEndpoint string

@description('Table endpoint of the host storage account (the host writes its diagnostic events there).')
param hostTableEndpoint string

@description('Container of the deployment package, in the host storage account.')
param deploymentContainerName string

@description('Blob endpoint of the experiments storage account (SuperpositionStorage).')
param dataBlobEndpoint string

@description('Queue endpoint of the experiments storage account.')
param dataQueueEndpoint string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Settings of the app besides the connections: queues, schedules, models, budget (main.bicep).')
param settings object

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of an instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the app to deploy `api` (azure.yaml) to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references are resolved as this identity (Key Vault Secrets User on the vault).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the stack here, not as FUNCTIONS_WORKER_RUNTIME (which it rejects as an app setting).
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Deployment goes through Entra ID (azd), so the publishing profile's user name and password are switched off.
  resource ftp 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: { allow: false }
  }

  resource scm 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: { allow: false }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(settings, {
      // The host's own storage (keys, timer locks, diagnostic events), identity-based: blob and table only.
      AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
      AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // The experiments' blobs and queues (Settings.StorageConnection), read by the triggers and by the worker.
      SuperpositionStorage__blobServiceUri: dataBlobEndpoint
      SuperpositionStorage__queueServiceUri: dataQueueEndpoint
      SuperpositionStorage__credential: 'managedidentity'
      SuperpositionStorage__clientId: identityClientId
      // Telemetry to Application Insights, which accepts only Entra ID (Monitoring Metrics Publisher).
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
      // DefaultAzureCredential (azure-openai models with UseEntraId) picks the app's identity by this.
      AZURE_CLIENT_ID: identityClientId
    })
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
