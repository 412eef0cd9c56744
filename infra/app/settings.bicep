// The app settings that follow from the parameters alone: queues, schedules, the nightly budget and the model
// registry. A module of its own (it deploys nothing) so that its output can be evaluated without Azure: the tests
// in tests/Superposition.Infrastructure.Tests snapshot it with `bicep snapshot` and read every setting it makes.
import { modelEntry } from 'types.bicep'

param models modelEntry[]

@description('Name of the Key Vault that holds the models\' API keys.')
param keyVaultName string

param planQueue string
param workQueue string
param experimentsContainer string
param aggregateSchedule string
param nightlySchedule string
param nightlyMaxTokens string
param nightlyMaxCost string

// Azure accepts app setting names of letters, digits, periods and underscores only ("Configure an App Service app"),
// and Flex Consumption (Linux) turns them into environment variables: a key or setting name with anything else
// fails the deployment here, naming it, instead of being rejected or renamed by the platform.
var nameCharacters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.'
var settingNames = flatten(map(models, m => concat([m.key], m.?apiKeySecretName == null ? [] : [apiKeySettingOf(m)])))
var invalidNames = filter(
  settingNames,
  n => !empty(filter(range(0, length(n)), i => !contains(nameCharacters, substring(n, i, 1))))
)
var modelKeys = map(models, m => toLower(m.key))
var checkedModels = !empty(invalidNames)
  ? fail('Model keys and API key settings may hold only letters, digits, underscores and periods (Azure app setting names): ${join(invalidNames, ', ')}')
  : length(union(modelKeys, modelKeys)) != length(modelKeys)
      ? fail('Model keys must be distinct (case-insensitively): ${join(modelKeys, ', ')}')
      : models

func apiKeySettingOf(m modelEntry) string => m.?apiKeySetting ?? '${m.key}_API_KEY'

func modelSettingsOf(m modelEntry, vault string) object =>
  union(
    { 'Superposition__Models__${m.key}__Kind': m.kind },
    m.?name == null ? {} : { 'Superposition__Models__${m.key}__Name': m.name! },
    m.?baseUrl == null ? {} : { 'Superposition__Models__${m.key}__BaseUrl': m.baseUrl! },
    m.?model == null ? {} : { 'Superposition__Models__${m.key}__Model': m.model! },
    m.?deployment == null ? {} : { 'Superposition__Models__${m.key}__Deployment': m.deployment! },
    m.?parameterCount == null ? {} : { 'Superposition__Models__${m.key}__ParameterCount': string(m.parameterCount!) },
    toObject(items(m.?options ?? {}), o => 'Superposition__Models__${m.key}__${o.key}', o => string(o.value)),
    // The key itself is never a setting's value: the setting holds a reference that the platform resolves with the
    // app's identity (Key Vault Secrets User).
    m.?apiKeySecretName == null
      ? {}
      : {
          'Superposition__Models__${m.key}__ApiKeySetting': apiKeySettingOf(m)
          '${apiKeySettingOf(m)}': '@Microsoft.KeyVault(VaultName=${vault};SecretName=${m.apiKeySecretName!})'
        }
  )

var modelSettings = reduce(map(checkedModels, m => modelSettingsOf(m, keyVaultName)), {}, (all, next) => union(all, next))

// An unset cap is no setting at all (an empty value would not bind to a number).
var budgetSettings = union(
  empty(nightlyMaxTokens) ? {} : { Superposition__Nightly__MaxTokens: nightlyMaxTokens },
  empty(nightlyMaxCost) ? {} : { Superposition__Nightly__MaxCost: nightlyMaxCost }
)

output settings object = union(
  {
    PlanQueue: planQueue
    WorkQueue: workQueue
    AggregateSchedule: aggregateSchedule
    NightlySchedule: nightlySchedule
    Superposition__Storage__Container: experimentsContainer
  },
  budgetSettings,
  modelSettings
)
