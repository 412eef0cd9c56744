// Types shared by main.bicep and its modules.

@export()
@description('One model of the registry (ModelOptions, src/Superposition.Scoring/Models/).')
@sealed()
type modelEntry = {
  @description('Section key: letters, digits, underscores and periods (Azure app setting names).')
  @minLength(1)
  @maxLength(64)
  key: string
  @description('The model\'s name in specs, when it differs from key.')
  name: string?
  @description('How it is reached (ModelOptions.Kind).')
  kind: 'reference' | 'onnx' | 'vllm' | 'openai' | 'azure-openai' | 'llamacpp' | 'ollama' | 'openai-compatible'
  @description('OpenAI-style API base, or the Azure OpenAI resource endpoint.')
  baseUrl: string?
  @description('Model name sent to the server.')
  model: string?
  @description('Azure OpenAI deployment name.')
  deployment: string?
  @description('Parameters, to order models by size.')
  parameterCount: int?
  @description('Key Vault secret holding the API key.')
  apiKeySecretName: string?
  @description('App setting that references that secret (ModelOptions.ApiKeySetting); default <key>_API_KEY.')
  apiKeySetting: string?
  @description('Other ModelOptions fields by name, e.g. { MaxConcurrency: 8 }.')
  options: object?
}
