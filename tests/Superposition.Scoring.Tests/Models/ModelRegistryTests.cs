using Microsoft.Extensions.Configuration;
using Superposition.LocalModels.Reference;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Tests.Models;

public sealed class ModelRegistryTests
{
    private static IConfiguration Settings(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    // The form an Azure app setting can hold: Superposition__Models__gpt4omini__Name = gpt-4o-mini.
    private static readonly Dictionary<string, string?> Hosted = new()
    {
        ["Superposition:Models:gpt4omini:Name"] = "gpt-4o-mini",
        ["Superposition:Models:gpt4omini:Kind"] = "openai",
        ["Superposition:Models:gpt4omini:ApiKeySetting"] = "OPENAI_API_KEY",
    };

    [Fact]
    public void A_model_whose_name_is_not_a_valid_key_is_configured_under_a_key_with_its_name_as_a_field()
    {
        var catalog = new ModelCatalog(Settings(Hosted), [new ReferenceModelProvider()]);

        var model = catalog.Resolve("gpt-4o-mini");

        Assert.Equal("gpt-4o-mini", model.Name);
        Assert.Equal("gpt-4o-mini", model.RemoteModel); // the name the server is sent, not the key
        Assert.Equal(ModelKind.OpenAI, model.Kind);
        Assert.Equal("OPENAI_API_KEY", model.ApiKeySetting);
        Assert.Contains("gpt-4o-mini", catalog.Names);
        Assert.DoesNotContain("gpt4omini", catalog.Names);
    }

    [Fact]
    public void The_key_of_a_named_entry_is_not_a_second_name_of_the_model()
    {
        var catalog = new ModelCatalog(Settings(Hosted));

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.Resolve("gpt4omini"));

        Assert.Contains("Unknown model 'gpt4omini'", e.Message, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-mini", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_about_a_named_entry_name_the_model_and_the_setting_path_under_its_key()
    {
        var settings = new Dictionary<string, string?>(Hosted) { ["Superposition:Models:gpt4omini:MaxConcurrency"] = "0" };
        var catalog = new ModelCatalog(Settings(settings));

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.Resolve("gpt-4o-mini"));

        Assert.Equal("Model 'gpt-4o-mini': Superposition:Models:gpt4omini:MaxConcurrency must be positive.", e.Message);
    }

    [Fact]
    public void Two_entries_that_give_one_name_are_refused_naming_both_keys()
    {
        var settings = new Dictionary<string, string?>(Hosted)
        {
            ["Superposition:Models:mini:Name"] = "GPT-4o-mini",
            ["Superposition:Models:mini:Kind"] = "openai",
        };
        var catalog = new ModelCatalog(Settings(settings));

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.Resolve("gpt-4o-mini"));

        Assert.Contains("Models 'gpt4omini' and 'mini'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'GPT-4o-mini'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_repeats_another_entrys_key_is_refused_too()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Superposition:Models:qwen:Kind"] = "vllm",
            ["Superposition:Models:qwen:BaseUrl"] = "http://gpu1:8000/v1",
            ["Superposition:Models:qwen7b:Name"] = "qwen",
            ["Superposition:Models:qwen7b:Kind"] = "vllm",
        };

        var e = Assert.Throws<ModelConfigurationException>(() => ModelRegistry.Entries(Settings(settings)));

        Assert.Contains("Models 'qwen' and 'qwen7b'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_name_field_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<ModelConfigurationException>(() => ModelRegistry.Entries(Settings(new() { ["Superposition:Models:mini:Name"] = " ", ["Superposition:Models:mini:Kind"] = "openai" })));

        Assert.Contains("Superposition:Models:mini:Name is blank", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_without_a_name_field_is_named_by_its_key()
    {
        var entry = Assert.Single(ModelRegistry.Entries(Settings(new() { ["Superposition:Models:qwen7b:Kind"] = "vllm" })));

        Assert.Equal(("qwen7b", "qwen7b", "Superposition:Models:qwen7b:Kind"), (entry.Key, entry.Name, entry.Setting("Kind")));
    }

    [Theory]
    [InlineData("gpt4omini", true)]
    [InlineData("qwen_7b.chat", true)]
    [InlineData("Llama3", true)]
    [InlineData("gpt-4o-mini", false)]
    [InlineData("reference:beta=2", false)]
    [InlineData("my model", false)]
    [InlineData("", false)]
    public void Azure_setting_keys_are_letters_digits_periods_and_underscores(string key, bool valid) =>
        Assert.Equal(valid, ModelRegistry.IsAzureSettingKey(key));
}
