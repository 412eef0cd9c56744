using System.Text.Json;

namespace Superposition.Infrastructure.Tests;

/// <summary>The deployments the tests read, snapshot once each (a snapshot runs the Bicep CLI for seconds).</summary>
internal static class Template
{
    /// <summary>A key that is not one: it must reach the vault's secret and nothing else.</summary>
    public const string FakeOpenAiKey = "sk-fake-key-for-template-tests-0123456789";

    private static readonly Lazy<Deployment> Defaults = new(() => Deployment.OfMain());
    private static readonly Lazy<Deployment> WithKey = new(() => Deployment.OfMain(("openAiApiKey", $"'{FakeOpenAiKey}'")));

    /// <summary>main.bicep with its defaults (as `azd up` without `azd env set`).</summary>
    public static Deployment Main => Defaults.Value;

    /// <summary>main.bicep given the OpenAI key (the hosted model joins the registry).</summary>
    public static Deployment MainWithOpenAiKey => WithKey.Value;

    public static string Id(string type, string namePrefix, Deployment deployment) =>
        deployment.OfType(type).Select(r => r.GetProperty("id").GetString()!).Single(id => id.Split('/')[^1].StartsWith(namePrefix, StringComparison.Ordinal));

    /// <summary>
    /// The Function App's settings as deployed with main.bicep's defaults: values Azure makes (endpoints, the
    /// identity's client id) stay <c>[reference(...)]</c> expressions. (With a secure parameter given, the snapshot
    /// leaves the whole object unevaluated: <see cref="ParameterSettings"/> reads those settings instead.)
    /// </summary>
    public static IReadOnlyDictionary<string, string> AppSettings(Deployment deployment)
    {
        var properties = deployment.Single("Microsoft.Web/sites/config").GetProperty("properties");
        Assert.True(properties.ValueKind == JsonValueKind.Object, $"The app settings were not evaluated: {properties}");
        return properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The settings app/settings.bicep makes from main.bicep's parameters (<paramref name="withOpenAiKey"/>: as main passes them with the key).</summary>
    public static IReadOnlyDictionary<string, string> ParameterSettings(bool withOpenAiKey)
    {
        var deployment = withOpenAiKey ? SettingsWithHostedModel.Value : SettingsWithDefaults.Value;
        return deployment.Outputs.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    private static readonly Lazy<Deployment> SettingsWithDefaults = new(() => SettingsModule(hosted: false));
    private static readonly Lazy<Deployment> SettingsWithHostedModel = new(() => SettingsModule(hosted: true));

    // The parameters main.bicep passes to app/settings.bicep with its defaults, read from the compiled main template so
    // that a changed default shows here.
    private static Deployment SettingsModule(bool hosted)
    {
        var main = MainTemplate.Value;
        string Default(string name) => main.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue").GetRawText();
        var models = JsonSerializer.Deserialize<List<JsonElement>>(Default("models"))!;
        var list = models.Select(m => m.GetRawText()).ToList();
        if (hosted)
        {
            list.Add("""{"key": "gpt4omini", "name": "gpt-4o-mini", "kind": "openai", "model": "gpt-4o-mini", "apiKeySecretName": "openai-api-key", "apiKeySetting": "OPENAI_API_KEY"}""");
        }

        return Deployment.OfModule(
            "app/settings.bicep",
            ("models", $"json('{string.Join(",", list).Insert(0, "[")}]')".Replace("\n", " ", StringComparison.Ordinal)),
            ("keyVaultName", "'kv-test'"),
            ("planQueue", Bicep(Default("planQueue"))),
            ("workQueue", Bicep(Default("workQueue"))),
            ("experimentsContainer", Bicep(Default("experimentsContainer"))),
            ("aggregateSchedule", Bicep(Default("aggregateSchedule"))),
            ("nightlySchedule", Bicep(Default("nightlySchedule"))),
            ("nightlyMaxTokens", "'100000'"),
            ("nightlyMaxCost", "'25'"));
    }

    /// <summary>infra/main.bicep compiled to ARM JSON by `bicep build`.</summary>
    public static readonly Lazy<JsonElement> MainTemplate = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("superposition-bicep-build-");
        try
        {
            var output = Path.Combine(folder.FullName, "main.json");
            var (exitCode, text) = BicepCli.Run(Deployment.InfraFolder, "build", "main.bicep", "--outfile", output);
            Assert.True(exitCode == 0 && text.Trim().Length == 0, $"bicep build infra/main.bicep: exit {exitCode}\n{text}");
            using var document = JsonDocument.Parse(File.ReadAllText(output));
            return document.RootElement.Clone();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    });

    private static string Bicep(string jsonString) => $"'{JsonSerializer.Deserialize<string>(jsonString)!.Replace("'", "\\'", StringComparison.Ordinal)}'";
}
