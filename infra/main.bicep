// `azd up` deploys the Functions app with what it needs (docs/functions.md, "Deploying to Azure"): a resource group holding a Flex
// Consumption app, its user-assigned identity and that identity's roles, two storage accounts reached only with
// Entra ID (the host's and the experiments'), Log Analytics with Application Insights, and a Key Vault for model
// API keys. Modules are laid out as Azure-Samples' Functions quickstarts for azd lay them out (app/, core/), written
// as local modules so that `bicep build` needs no registry.
targetScope = 'subscription'

import { modelEntry } from 'app/types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Resource group to create; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('''The model registry (Superposition__Models__<key>__<Field> app settings). key: letters, digits,
underscores and periods only (Azure app setting names); name: the model's name in specs when it differs from key
(hyphens and all); kind, baseUrl, model, deployment, parameterCount as ModelOptions documents them; apiKeySecretName:
the Key Vault secret that holds its API key (the app reads it through a Key Vault reference in the setting
apiKeySetting, default <key>_API_KEY); options: any other ModelOptions field by name (e.g. MaxConcurrency).''')
param models modelEntry[] = [
  {
    key: 'referencecalibrated'
    name: 'reference-calibrated'
    kind: 'reference'
  }
]

@secure()
@description('OpenAI API key. When given, the vault holds it and the registry gains gpt-4o-mini (key gpt4omini) reading it.')
param openAiApiKey string = ''

@description('Queue of plan messages.')
param planQueue string = 'superposition-plan'

@description('Queue of work item messages.')
param workQueue string = 'superposition-work'

@description('Blob container of the experiments.')
param experimentsContainer string = 'superposition'

@description('NCRONTAB (6 fields, UTC) of aggregation.')
param aggregateSchedule string = '0 */10 * * * *'

@description('NCRONTAB (6 fields, UTC) of the nightly re-evaluation.')
param nightlySchedule string = '0 0 2 * * *'

@description('Most tokens one nightly run may spend (Superposition__Nightly__MaxTokens); empty: no cap.')
param nightlyMaxTokens string = ''

@description('Most cost one nightly run may spend, in the currency of the models\' prices (Superposition__Nightly__MaxCost); empty: no cap.')
param nightlyMaxCost string = ''

@description('Most instances the app scales out to (Flex Consumption: 40 to 1000).')
param maximumInstanceCount int = 40

@description('Memory of an instance in MB (Flex Consumption: 512, 2048 or 4096).')
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var identityName = 'id-${resourceToken}'
var hostStorageName = 'sthost${resourceToken}'
var dataStorageName = 'stdata${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var openAiApiKeySecretName = 'openai-api-key'

// The hosted model joins the registry only with its key; its name in specs has a hyphen, its key does not.
var hostedModels = empty(openAiApiKey)
  ? []
  : [
      {
        key: 'gpt4omini'
        name: 'gpt-4o-mini'
        kind: 'openai'
        model: 'gpt-4o-mini'
        apiKeySecretName: openAiApiKeySecretName
        apiKeySetting: 'OPENAI_API_KEY'
      }
    ]

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

// Two accounts: the host's state (keys, locks, deployment package) apart from the experiments' data, each with only
// the roles its use needs. A storage account has no fixed charge, so the second costs nothing at idle.
module hostStorage 'core/storage/storage-account.bicep' = {
  name: 'hostStorage'
  scope: rg
  params: {
    name: hostStorageName
    location: location
    tags: tags
    containers: [deploymentContainerName]
  }
}

module dataStorage 'core/storage/storage-account.bicep' = {
  name: 'dataStorage'
  scope: rg
  params: {
    name: dataStorageName
    location: location
    tags: tags
    containers: [experimentsContainer]
    queues: [planQueue, workQueue, '${planQueue}-poison', '${workQueue}-poison']
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'core/security/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    openAiApiKey: openAiApiKey
    openAiApiKeySecretName: openAiApiKeySecretName
  }
}

module settings 'app/settings.bicep' = {
  name: 'settings'
  scope: rg
  params: {
    models: concat(models, hostedModels)
    keyVaultName: keyVaultName
    planQueue: planQueue
    workQueue: workQueue
    experimentsContainer: experimentsContainer
    aggregateSchedule: aggregateSchedule
    nightlySchedule: nightlySchedule
    nightlyMaxTokens: nightlyMaxTokens
    nightlyMaxCost: nightlyMaxCost
  }
}

// Names known before deployment (not the modules' outputs), so that What-If can predict the assignments.
module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [identity, hostStorage, dataStorage, monitoring, keyVault]
  params: {
    identityName: identityName
    hostStorageName: hostStorageName
    dataStorageName: dataStorageName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  // The app starts reading storage and Key Vault references at once: its roles come first.
  dependsOn: [rbac]
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostTableEndpoint: hostStorage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    dataBlobEndpoint: dataStorage.outputs.blobEndpoint
    dataQueueEndpoint: dataStorage.outputs.queueEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    settings: settings.outputs.settings
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output AZURE_FUNCTION_URL string = 'https://${api.outputs.defaultHostName}/api'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = dataStorage.outputs.name
