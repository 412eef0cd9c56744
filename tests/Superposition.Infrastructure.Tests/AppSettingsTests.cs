using System.Text.Json;
using System.Text.RegularExpressions;
using Superposition.Functions.Tests.Hosting;

namespace Superposition.Infrastructure.Tests;

/// <summary>The app settings the template makes: names Azure accepts, the model registry, keys only in Key Vault.</summary>
[Trait(Needs.Trait, Needs.Bicep)]
public sealed partial class AppSettingsTests
{
    // "Configure an App Service app" (Azure App Service documentation): app setting names may contain only letters,
    // numbers, periods and underscores; on Linux (Flex Consumption) they become environment variables.
    [GeneratedRegex("^[A-Za-z0-9_.]+$")]
    private static partial Regex AzureSettingName();

    private static IEnumerable<string> AllNames() =>
        [.. Template.AppSettings(Template.Main).Keys, .. Template.ParameterSettings(withOpenAiKey: true).Keys];

    [Fact]
    public void Every_setting_name_the_template_makes_is_one_Azure_accepts()
    {
        Assert.All(AllNames(), name => Assert.Matches(AzureSettingName(), name));
    }

    [Fact]
    public void Default_registry_holds_the_in_process_reference_model_under_a_key_without_its_hyphen()
    {
        var settings = Template.ParameterSettings(withOpenAiKey: false);
        Assert.Equal("reference", settings["Superposition__Models__referencecalibrated__Kind"]);
        Assert.Equal("reference-calibrated", settings["Superposition__Models__referencecalibrated__Name"]);
        Assert.DoesNotContain(settings.Keys, k => k.Contains("gpt4omini", StringComparison.Ordinal));
    }

    [Fact]
    public void Queues_schedules_and_container_default_to_the_values_of_the_settings_sample()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");
        var settings = Template.ParameterSettings(withOpenAiKey: false);
        foreach (var name in (string[])["PlanQueue", "WorkQueue", "AggregateSchedule", "NightlySchedule", "Superposition__Storage__Container"])
        {
            Assert.Equal(values.GetProperty(name).GetString(), settings[name]);
        }

        var queues = Template.Main.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.GetProperty("name").GetString()!.Split('/')[^1]);
        Assert.Equal([settings["PlanQueue"], settings["WorkQueue"], $"{settings["PlanQueue"]}-poison", $"{settings["WorkQueue"]}-poison"], queues);
    }

    [Fact]
    public void Nightly_budget_caps_are_set_when_given()
    {
        var settings = Template.ParameterSettings(withOpenAiKey: false);
        Assert.Equal("100000", settings["Superposition__Nightly__MaxTokens"]);
        Assert.Equal("25", settings["Superposition__Nightly__MaxCost"]);
    }

    [Fact]
    public void Hosted_model_joins_only_with_its_key_which_the_vault_holds_and_the_app_reads_by_reference()
    {
        var settings = Template.ParameterSettings(withOpenAiKey: true);
        Assert.Equal("openai", settings["Superposition__Models__gpt4omini__Kind"]);
        Assert.Equal("gpt-4o-mini", settings["Superposition__Models__gpt4omini__Name"]);
        Assert.Equal("OPENAI_API_KEY", settings["Superposition__Models__gpt4omini__ApiKeySetting"]);
        Assert.Equal("@Microsoft.KeyVault(VaultName=kv-test;SecretName=openai-api-key)", settings["OPENAI_API_KEY"]);

        var secret = Template.MainWithOpenAiKey.Single("Microsoft.KeyVault/vaults/secrets");
        Assert.EndsWith("/secrets/openai-api-key", secret.GetProperty("id").GetString(), StringComparison.Ordinal);
        // The snapshot never evaluates a secure parameter: the secret's value is the parameter, and no other resource
        // uses it except to ask whether it is empty.
        Assert.Equal("[parameters('openAiApiKey')]", secret.GetProperty("properties").GetProperty("value").GetString());
        Assert.All(Template.MainWithOpenAiKey.Resources, r => Assert.DoesNotContain(Template.FakeOpenAiKey, r.GetRawText(), StringComparison.Ordinal));
        var uses = Template.MainWithOpenAiKey.Resources.Select(r => r.GetRawText()).Where(r => !r.Contains("/secrets/openai-api-key", StringComparison.Ordinal));
        Assert.All(uses, r => Assert.Equal(
            r.Split("parameters('openAiApiKey')").Length,
            r.Split("empty(parameters('openAiApiKey'))").Length));
        Assert.Contains("'key', 'gpt4omini'", Template.MainWithOpenAiKey.Single("Microsoft.Web/sites/config").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("[not(empty(parameters('openAiApiKey')))]", Template.Main.Single("Microsoft.KeyVault/vaults/secrets").GetProperty("condition").GetString());
    }

    [Fact]
    public void Every_API_key_setting_a_model_names_is_a_Key_Vault_reference()
    {
        var settings = Deployment.OfModule(
            "app/settings.bicep",
            ("models", "[{ key: 'qwen7b', kind: 'vllm', baseUrl: 'http://gpu1:8000/v1', apiKeySecretName: 'qwen-key', options: { MaxConcurrency: 8 } }, { key: 'aoai', kind: 'azure-openai', baseUrl: 'https://r.openai.azure.com/', apiKeySecretName: 'aoai', apiKeySetting: 'AOAI_KEY' }]"),
            ("keyVaultName", "'kv-test'"), ("planQueue", "'p'"), ("workQueue", "'w'"), ("experimentsContainer", "'c'"),
            ("aggregateSchedule", "'a'"), ("nightlySchedule", "'n'"), ("nightlyMaxTokens", "''"), ("nightlyMaxCost", "''"))
            .Outputs.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        var named = settings.Where(s => s.Key.EndsWith("__ApiKeySetting", StringComparison.Ordinal)).Select(s => s.Value).ToList();
        Assert.Equal(["qwen7b_API_KEY", "AOAI_KEY"], named);
        Assert.Equal("@Microsoft.KeyVault(VaultName=kv-test;SecretName=qwen-key)", settings["qwen7b_API_KEY"]);
        Assert.Equal("@Microsoft.KeyVault(VaultName=kv-test;SecretName=aoai)", settings["AOAI_KEY"]);
        Assert.Equal("8", settings["Superposition__Models__qwen7b__MaxConcurrency"]);
        Assert.False(settings.ContainsKey("Superposition__Storage__Nightly__MaxTokens"));
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Superposition__Nightly__", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("qwen2:7b", "qwen2:7b")]
    public void A_model_key_Azure_would_reject_fails_the_deployment_naming_it(string key, string named)
    {
        var failure = Deployment.FailureOfModule(
            "app/settings.bicep",
            ("models", $"[{{ key: '{key}', kind: 'openai' }}]"),
            ("keyVaultName", "'kv-test'"), ("planQueue", "'p'"), ("workQueue", "'w'"), ("experimentsContainer", "'c'"),
            ("aggregateSchedule", "'a'"), ("nightlySchedule", "'n'"), ("nightlyMaxTokens", "''"), ("nightlyMaxCost", "''"));
        Assert.Contains("only letters, digits, underscores and periods", failure, StringComparison.Ordinal);
        Assert.Contains(named, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_models_whose_keys_differ_only_in_case_fail_the_deployment()
    {
        var failure = Deployment.FailureOfModule(
            "app/settings.bicep",
            ("models", "[{ key: 'Qwen', kind: 'vllm', baseUrl: 'http://a/v1' }, { key: 'qwen', kind: 'vllm', baseUrl: 'http://b/v1' }]"),
            ("keyVaultName", "'kv-test'"), ("planQueue", "'p'"), ("workQueue", "'w'"), ("experimentsContainer", "'c'"),
            ("aggregateSchedule", "'a'"), ("nightlySchedule", "'n'"), ("nightlyMaxTokens", "''"), ("nightlyMaxCost", "''"));
        Assert.Contains("Model keys must be distinct", failure, StringComparison.Ordinal);
    }
}
