using Microsoft.Extensions.Configuration;
using Superposition.LocalModels.Reference;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Tests.Models;

public sealed class ModelCatalogTests
{
    // Resolution never starts the provider's server, so the provider needs no disposal here.
    private static ModelCatalog Catalog(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), [new ReferenceModelProvider()]);

    [Fact]
    public void Reference_models_resolve_without_configuration_and_run_in_process()
    {
        var catalog = Catalog([]);

        var model = catalog.Resolve("reference-leaky");
        var parameterised = catalog.Resolve("reference:beta=2,epsilon=0.1");

        Assert.True(model.InProcess);
        Assert.Equal(ModelKind.Suite, model.Kind);
        Assert.Equal("reference", model.Provider);
        Assert.Equal(TokenizerKind.Server, model.Tokenizer);
        Assert.Equal("reference:beta=2,epsilon=0.1", parameterised.RemoteModel);
    }

    [Fact]
    public void Parameter_count_is_the_configured_one_and_null_for_a_model_no_longer_configured_whose_problem_is_named()
    {
        var catalog = Catalog(new() { ["Superposition:Models:qwen7b:Kind"] = "vllm", ["Superposition:Models:qwen7b:BaseUrl"] = "http://gpu1:8000/v1", ["Superposition:Models:qwen7b:ParameterCount"] = "7600000000" });

        Assert.Equal(7.6e9, catalog.ParameterCount("qwen7b"));
        Assert.Null(catalog.Problem("qwen7b"));
        Assert.Null(catalog.ParameterCount("retired-model"));
        Assert.Contains("Unknown model 'retired-model'", catalog.Problem("retired-model"), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_name_lists_the_known_models()
    {
        var catalog = Catalog(new() { ["Superposition:Models:qwen7b:Kind"] = "vllm", ["Superposition:Models:qwen7b:BaseUrl"] = "http://gpu1:8000/v1" });

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.Resolve("gpt-5"));

        Assert.Contains("Unknown model 'gpt-5'", e.Message, StringComparison.Ordinal);
        Assert.Contains("qwen7b", e.Message, StringComparison.Ordinal);
        Assert.Contains("reference-calibrated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_model_binds_every_setting_and_fills_defaults()
    {
        var catalog = Catalog(new()
        {
            ["Superposition:Models:qwen7b:Kind"] = "vllm",
            ["Superposition:Models:qwen7b:BaseUrl"] = "http://gpu1:8000/v1",
            ["Superposition:Models:qwen7b:Model"] = "Qwen/Qwen1.5-7B",
            ["Superposition:Models:qwen7b:ParameterCount"] = "7000000000",
            ["Superposition:Models:qwen7b:RequestsPerMinute"] = "600",
            ["Superposition:Models:qwen7b:EchoBatchSize"] = "8",
            ["Superposition:Models:qwen7b:PromptPricePerMillionTokens"] = "0.2",
        });

        var model = catalog.Resolve("qwen7b");

        Assert.Equal(ModelKind.Vllm, model.Kind);
        Assert.Equal("http://gpu1:8000/v1/", model.BaseUrl!.AbsoluteUri);
        Assert.Equal("Qwen/Qwen1.5-7B", model.RemoteModel);
        Assert.Equal(7_000_000_000, model.ParameterCount);
        Assert.Equal(600, model.RequestsPerMinute);
        Assert.Equal(8, model.EchoBatchSize);
        Assert.Equal(16, model.MaxConcurrency);
        Assert.Equal(20, model.MaxTopLogprobs);
        Assert.Equal(TimeSpan.FromSeconds(60), model.Resilience.AttemptTimeout);
        Assert.Equal(0.2, model.PromptPricePerMillionTokens);
    }

    [Theory]
    [InlineData("Kind", "tgi", "Kind 'tgi'")]
    [InlineData("BaseUrl", "gpu1:8000", "not an http(s) address")]
    [InlineData("MaxConcurrency", "0", "MaxConcurrency must be positive")]
    [InlineData("DefaultStrategy", "beams", "DefaultStrategy 'beams'")]
    [InlineData("Tokenizer", "llama3", "Tokenizer 'llama3'")]
    public void Bad_setting_is_named_in_the_error(string setting, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Superposition:Models:m:Kind"] = "vllm",
            ["Superposition:Models:m:BaseUrl"] = "http://localhost:8000/v1",
            [$"Superposition:Models:m:{setting}"] = value,
        };

        var e = Assert.Throws<ModelConfigurationException>(() => Catalog(settings).Resolve("m"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_needs_an_endpoint_and_uses_the_deployment_name()
    {
        var catalog = Catalog(new()
        {
            ["Superposition:Models:gpt4o:Kind"] = "azure-openai",
            ["Superposition:Models:gpt4o:BaseUrl"] = "https://res.openai.azure.com",
            ["Superposition:Models:gpt4o:Deployment"] = "gpt-4o-prod",
            ["Superposition:Models:gpt4o:UseEntraId"] = "true",
            ["Superposition:Models:nourl:Kind"] = "azure-openai",
        });

        var model = catalog.Resolve("gpt4o");

        Assert.Equal("gpt-4o-prod", model.RemoteModel);
        Assert.True(model.UseEntraId);
        Assert.Equal(TokenizerKind.O200kBase, model.Tokenizer);
        Assert.False(model.HasCompletions);
        Assert.Contains("needs BaseUrl", Assert.Throws<ModelConfigurationException>(() => catalog.Resolve("nourl")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolved_model_is_remembered_until_the_configuration_reloads()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Superposition:Models:qwen:Kind"] = "vllm",
            ["Superposition:Models:qwen:BaseUrl"] = "http://gpu1:8000/v1",
            ["Superposition:Models:qwen:MaxConcurrency"] = "8",
        }).Build();
        var catalog = new ModelCatalog(configuration);
        Assert.Same(catalog.Resolve("qwen"), catalog.Resolve("qwen"));

        configuration["Superposition:Models:qwen:MaxConcurrency"] = "32";
        Assert.Equal(8, catalog.Resolve("qwen").MaxConcurrency);
        configuration.Reload();
        Assert.Equal(32, catalog.Resolve("qwen").MaxConcurrency);
    }

    [Fact]
    public void Names_that_differ_in_case_keep_their_own_spelling()
    {
        // Configured names match whatever their case; each spelling is remembered apart, as asked.
        var catalog = Catalog(new Dictionary<string, string?> { ["Superposition:Models:qwen:Kind"] = "vllm", ["Superposition:Models:qwen:BaseUrl"] = "http://gpu1:8000/v1" });
        Assert.Equal("qwen", catalog.Resolve("qwen").Name);
        Assert.Equal("QWEN", catalog.Resolve("QWEN").Name);
    }

    [Fact]
    public void Kind_reference_with_a_base_url_is_the_reference_provider_at_that_address()
    {
        var catalog = Catalog(new() { ["Superposition:Models:remote-ref:Kind"] = "Reference", ["Superposition:Models:remote-ref:BaseUrl"] = "http://127.0.0.1:8089/v1", ["Superposition:Models:remote-ref:Model"] = "reference-sharp" });

        var model = catalog.Resolve("remote-ref");

        Assert.Equal(ModelKind.Suite, model.Kind);
        Assert.Equal("reference", model.KindName);
        Assert.False(model.InProcess);
        Assert.Equal("reference-sharp", model.RemoteModel);
    }

    [Fact]
    public void Without_a_registered_provider_a_reference_name_is_an_unknown_model_that_says_how_to_add_them()
    {
        var catalog = new ModelCatalog(new ConfigurationBuilder().Build());

        var unknown = Assert.Throws<ModelConfigurationException>(() => catalog.Resolve("reference-calibrated"));
        Assert.Contains("Unknown model 'reference-calibrated'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("AddReferenceModels()", unknown.Message, StringComparison.Ordinal);

        var configured = new ModelCatalog(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Superposition:Models:r:Kind"] = "reference" }).Build());
        var kind = Assert.Throws<ModelConfigurationException>(() => configured.Resolve("r"));
        Assert.Contains("Kind 'reference'", kind.Message, StringComparison.Ordinal);
        Assert.Contains("AddReferenceModels()", kind.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_parameterised_reference_name_names_the_bad_part()
    {
        var e = Assert.Throws<ModelConfigurationException>(() => Catalog([]).Resolve("reference:beta=-1"));

        Assert.Contains("'beta' is -1", e.Message, StringComparison.Ordinal);
    }
}
