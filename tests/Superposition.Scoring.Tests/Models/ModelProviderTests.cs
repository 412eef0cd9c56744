using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LanguageModels;
using Superposition.LocalModels;
using Superposition.LocalModels.Hosting;
using Superposition.LocalModels.InProcess;
using Superposition.Prompts;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Models;
using Superposition.Scoring.Strategies;
using Superposition.Specs;
using Superposition.Testing;

namespace Superposition.Scoring.Tests.Models;

/// <summary>The provider seam: a second provider, registered here, is resolved and scored like the reference models.</summary>
public sealed class ModelProviderTests
{
    [Fact]
    public async Task A_second_provider_registered_in_a_test_is_resolved_by_the_catalog_and_scored_in_process()
    {
        using var provider = new BigramProvider();
        await using var services = new ServiceCollection()
            .AddSuperpositionScoring(new ConfigurationBuilder().Build())
            .AddReferenceModels()
            .AddSingleton<IModelProvider>(provider)
            .BuildServiceProvider();
        var catalog = services.GetRequiredService<ModelCatalog>();
        Assert.Contains(ByteBigramModel.ModelName, catalog.Names);
        Assert.Contains("reference-calibrated", catalog.Names);
        var model = catalog.Resolve(ByteBigramModel.ModelName);
        Assert.Equal(ModelKind.Suite, model.Kind);
        Assert.Equal("bigram", model.Provider);
        Assert.True(model.InProcess);

        // The prompt "ab" and two answers: P("cd" | "ab") = 1/2 · 1/2, P("bb" | "ab") = 1/4 · 1/4 under the bigram.
        var prompt = new Prompt("test", 0, ["up", "same"], [1, 1], [], "a", "b", [new Candidate("up", "cd"), new Candidate("same", "bb")], 0);
        var score = await services.GetRequiredService<IPromptScorer>().ScoreAsync(ByteBigramModel.ModelName, prompt, new ScoringSpec(StrategyNames.Echo, Terminator: false));

        Assert.Equal(Math.Log(ByteBigramModel.Probability("ab", "cd")), score.Candidates[0].Prefix!.LogProbability, 9);
        Assert.Equal(Math.Log(0.0625), score.Candidates[1].Prefix!.LogProbability, 9);
        Assert.IsType<InProcessBackend>(services.GetRequiredService<BackendFactory>().Get(model));
    }

    [Fact]
    public async Task Scoring_without_AddReferenceModels_rejects_a_reference_name_saying_how_to_add_them()
    {
        await using var services = new ServiceCollection().AddSuperpositionScoring(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var e = await Assert.ThrowsAsync<ModelConfigurationException>(() => services.GetRequiredService<IPromptScorer>().ScoreAsync("reference-calibrated", Designed.Countries(), new ScoringSpec()));

        Assert.Contains("Unknown model 'reference-calibrated'", e.Message, StringComparison.Ordinal);
        Assert.Contains("AddReferenceModels()", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_providers_token_counts_come_from_its_served_models_tokenizer()
    {
        using var provider = new BigramProvider();
        var model = new ModelCatalog(new ConfigurationBuilder().Build(), [provider]).Resolve(ByteBigramModel.ModelName);

        Assert.Equal([104, 105], provider.Encode(model, "hi", addSpecialTokens: false));
    }

    private sealed class BigramProvider : LocalModelProvider
    {
        public override string Kind => "bigram";

        public override IReadOnlyList<string> BuiltInNames { get; } = [ByteBigramModel.ModelName];

        public override string? NamePattern => null;

        public override bool Serves(string name, out string? error)
        {
            error = null;
            return name == ByteBigramModel.ModelName;
        }

        protected override ILanguageModelCatalog CreateCatalog() => new ByteBigramCatalog();
    }
}
