using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Superposition.Collapse;
using Superposition.LocalModels.Hosting;
using Superposition.LocalModels.InProcess;
using Superposition.LocalModels.Onnx;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.OnnxModel.Tests;
using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;
using Superposition.Scoring.Strategies;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Backends;

/// <summary>
/// The scoring seam changes where a model answers, never what it answers: the same prompts scored through a model's
/// in-process backend and through the same model behind its protocol server (configured as a vLLM server, as a
/// user points the suite at <c>serve-model</c>) give the same candidates' probabilities for every strategy and both
/// measures (1e-12 for the reference models, 1e-5 relative for ONNX models), and the same sampled answers for a
/// fixed seed, multi-turn runs included.
/// </summary>
public sealed class BackendConformanceTests
{
    private const double ReferenceTolerance = 1e-12;
    private const double OnnxRelativeTolerance = 1e-5;

    public static TheoryData<string, string, bool> ReferenceCases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var model in new[] { "reference-calibrated", "reference-leaky", "reference:beta=2,alpha=0.5,epsilon=0.1,delta=0.2" })
        {
            foreach (var strategy in StrategyNames.All.Where(s => s != StrategyNames.Auto))
            {
                foreach (var terminator in new[] { true, false })
                {
                    data.Add(model, strategy, terminator);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string, bool> OnnxCases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var fixture in new[] { Fixtures.Cached, Fixtures.Llama, Fixtures.Mistral })
        {
            foreach (var strategy in StrategyNames.All.Where(s => s != StrategyNames.Auto))
            {
                foreach (var terminator in new[] { true, false })
                {
                    data.Add(fixture, strategy, terminator);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public async Task A_reference_model_scores_alike_in_process_and_behind_its_server(string model, string strategy, bool terminator)
    {
        await using var pair = await BackendPair.ReferenceAsync(model);
        foreach (var prompt in new[] { Designed.Countries("D3", 1), Designed.Numbers("D2", 0), Designed.Countries("D1", 4) })
        {
            await AssertSameScoresAsync(pair, prompt, new ScoringSpec(strategy, terminator, Samples: 40), relative: 0, absolute: ReferenceTolerance);
        }
    }

    [Theory]
    [MemberData(nameof(OnnxCases))]
    public async Task An_onnx_model_scores_alike_in_process_and_behind_its_server(string fixture, string strategy, bool terminator)
    {
        await using var pair = await BackendPair.OnnxAsync(fixture);
        foreach (var prompt in new[] { ShortPrompts.Capitals, ShortPrompts.Languages })
        {
            await AssertSameScoresAsync(pair, prompt, new ScoringSpec(strategy, terminator, Samples: 40), relative: OnnxRelativeTolerance, absolute: 0);
        }
    }

    [Theory]
    [InlineData("reference-calibrated")]
    [InlineData(null)]
    public async Task The_authors_joint_tokenisation_scores_alike_in_process_and_behind_the_server(string? reference)
    {
        await using var pair = reference is null ? await BackendPair.OnnxAsync(Fixtures.Llama) : await BackendPair.ReferenceAsync(reference);
        var spec = new ScoringSpec(StrategyNames.PaperForward, Terminator: false, Tokenization: Tokenization.Joint);
        var prompt = reference is null ? ShortPrompts.Capitals : Designed.Countries("D2", 3);

        await AssertSameScoresAsync(pair, prompt, spec, relative: reference is null ? OnnxRelativeTolerance : 0, absolute: reference is null ? 0 : ReferenceTolerance);
    }

    [Theory]
    [InlineData("reference-calibrated")]
    [InlineData("reference-sharp")]
    [InlineData(null)]
    public async Task Multi_turn_runs_with_a_fixed_seed_give_the_same_answers_in_process_and_behind_the_server(string? reference)
    {
        await using var pair = reference is null ? await BackendPair.OnnxAsync(Fixtures.Cached) : await BackendPair.ReferenceAsync(reference);
        var spec = new ExperimentSpec
        {
            Name = "conformance",
            Kind = ExperimentKind.Collapse,
            // The ONNX fixture reads 64 tokens: numbers' short lines, and a few turns of short answers, fit.
            Tasks = reference is null ? ["number.identity", "number.increment"] : ["country.capital", "country.first-letter"],
            Models = [BackendPair.Model],
            Seed = 23,
            Collapse = new CollapseSpec(new InitialExamples(Counts: [1, 1]), Turns: reference is null ? 3 : 8, Runs: 12, MaxTokens: reference is null ? 4 : 16),
        };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var answers = new HashSet<string>(StringComparer.Ordinal);

        for (var run = 0; run < spec.Collapse.Runs; run++)
        {
            var inProcess = await MultiTurnRunner.RunAsync(spec, BackendPair.Model, run, new ScorerAnswerSampler(pair.InProcess), time, CancellationToken.None);
            var served = await MultiTurnRunner.RunAsync(spec, BackendPair.Model, run, new ScorerAnswerSampler(pair.Served), time, CancellationToken.None);

            Assert.Equal(served.Turns.Count, inProcess.Turns.Count);
            Assert.Equal(served.Turns.Select(t => (t.Answer, t.Task)), inProcess.Turns.Select(t => (t.Answer, t.Task)));
            Assert.Equal(served.FinalCounts, inProcess.FinalCounts);
            answers.UnionWith(served.Turns.Select(t => t.Answer));
        }

        // The runs sampled: different answers came out, so equality is not that of two constant streams.
        Assert.True(answers.Count > 2, $"only {answers.Count} distinct answers");
    }

    [Fact]
    public async Task Auto_detection_picks_echo_in_process_without_probing_and_behind_the_server_by_probing()
    {
        await using var pair = await BackendPair.ReferenceAsync("reference-calibrated");

        Assert.True(pair.InProcessBackend.Capabilities.ExactLogLikelihood);
        Assert.Null(pair.ServedBackend.Capabilities.ExactLogLikelihood);
        Assert.Equal(StrategyNames.Echo, await pair.InProcess.ResolveStrategyAsync(BackendPair.Model));
        Assert.Equal(StrategyNames.Echo, await pair.Served.ResolveStrategyAsync(BackendPair.Model));
        Assert.IsType<InProcessBackend>(pair.InProcessBackend);
        Assert.IsType<WireBackend>(pair.ServedBackend);
    }

    [Fact]
    public async Task A_prompt_beyond_the_models_context_fails_in_process_with_the_servers_message()
    {
        await using var pair = await BackendPair.OnnxAsync(Fixtures.Cached);
        var prompt = Designed.Countries("D3", 0); // hundreds of tokens against a 64-token context

        var inProcess = await Assert.ThrowsAsync<ScoringFailedException>(() => pair.InProcess.ScoreAsync(BackendPair.Model, prompt, new ScoringSpec(StrategyNames.Echo)));
        var served = await Assert.ThrowsAsync<ScoringFailedException>(() => pair.Served.ScoreAsync(BackendPair.Model, prompt, new ScoringSpec(StrategyNames.Echo)));

        Assert.Contains("maximum context length is 64 tokens", inProcess.Cause, StringComparison.Ordinal);
        Assert.Contains("maximum context length is 64 tokens", served.Cause, StringComparison.Ordinal);
    }

    private static async Task AssertSameScoresAsync(BackendPair pair, Prompt prompt, ScoringSpec spec, double relative, double absolute)
    {
        PromptScore served;
        try
        {
            served = await pair.Served.ScoreAsync(BackendPair.Model, prompt, spec);
        }
        catch (ScoringFailedException e)
        {
            // A prompt the model cannot be scored on (the tiny fixtures' chat templates merge a reply into the prompt's
            // tokens): the in-process backend refuses it for the same reason.
            var refused = await Assert.ThrowsAsync<ScoringFailedException>(() => pair.InProcess.ScoreAsync(BackendPair.Model, prompt, spec));
            Assert.Equal(e.Cause, refused.Cause);
            return;
        }

        var inProcess = await pair.InProcess.ScoreAsync(BackendPair.Model, prompt, spec);

        Assert.Equal(served.Strategy, inProcess.Strategy);
        Assert.Equal(served.Candidates.Count, inProcess.Candidates.Count);
        for (var c = 0; c < served.Candidates.Count; c++)
        {
            var where = $"{spec.Strategy} (terminator {spec.Terminator}), prompt {prompt.Distribution}/{prompt.Index}, candidate {served.Candidates[c].Answer}";
            AssertSame(served.Candidates[c].Prefix, inProcess.Candidates[c].Prefix, relative, absolute, where + ", prefix-inclusive");
            AssertSame(served.Candidates[c].Terminated, inProcess.Candidates[c].Terminated, relative, absolute, where + ", with terminator");
        }
    }

    private static void AssertSame(AnswerProbability? expected, AnswerProbability? actual, double relative, double absolute, string where)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{where}: one backend measured it, the other did not");
            return;
        }

        Assert.Equal(expected.Exactness, actual.Exactness);
        Close(expected.LogProbability, actual.LogProbability);
        Close(expected.LowerLogProbability, actual.LowerLogProbability);
        Close(expected.UpperLogProbability, actual.UpperLogProbability);

        void Close(double? e, double? a)
        {
            if (e is not { } x || a is not { } y)
            {
                Assert.True(e is null && a is null, $"{where}: an interval on one backend only");
                return;
            }

            if (double.IsInfinity(x) || double.IsInfinity(y))
            {
                Assert.True(x == y, $"{where}: {y} in process against {x} behind the server");
                return;
            }

            Assert.True(Math.Abs(x - y) <= absolute + (relative * Math.Abs(x)), $"{where}: {y} in process against {x} behind the server");
        }
    }

    /// <summary>Two scorers of one model named <see cref="Model"/>: in process, and behind a protocol server over the same provider's catalog.</summary>
    private sealed class BackendPair : IAsyncDisposable
    {
        public const string Model = "m";

        private readonly ServiceProvider _inProcess;
        private readonly ServiceProvider _served;
        private readonly ProtocolServer _server;
        private readonly LocalModelProvider _serverProvider;

        private BackendPair(ServiceProvider inProcess, ServiceProvider served, ProtocolServer server, LocalModelProvider serverProvider)
        {
            _inProcess = inProcess;
            _served = served;
            _server = server;
            _serverProvider = serverProvider;
        }

        public IPromptScorer InProcess => _inProcess.GetRequiredService<IPromptScorer>();

        public IPromptScorer Served => _served.GetRequiredService<IPromptScorer>();

        public IScoringBackend InProcessBackend => _inProcess.GetRequiredService<BackendFactory>().Get(_inProcess.GetRequiredService<ModelCatalog>().Resolve(Model));

        public IScoringBackend ServedBackend => _served.GetRequiredService<BackendFactory>().Get(_served.GetRequiredService<ModelCatalog>().Resolve(Model));

        public static Task<BackendPair> ReferenceAsync(string model) =>
            StartAsync(
                new ReferenceModelProvider(),
                new() { [$"{Prefix}Kind"] = "reference", [$"{Prefix}Model"] = model },
                model,
                _ => new ReferenceModelProvider());

        public static Task<BackendPair> OnnxAsync(string fixture)
        {
            // The served catalog names the folder's model "served"; both sides read the same folder.
            var folder = Fixtures.Folder(fixture);
            var serverConfiguration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Superposition:Models:served:Kind"] = "onnx",
                ["Superposition:Models:served:Path"] = folder,
            }).Build();
            return StartAsync(
                new OnnxModelProvider(serverConfiguration),
                new() { [$"{Prefix}Kind"] = "onnx", [$"{Prefix}Path"] = folder },
                "served",
                configuration => new OnnxModelProvider(configuration));
        }

        public async ValueTask DisposeAsync()
        {
            await _inProcess.DisposeAsync();
            await _served.DisposeAsync();
            await _server.DisposeAsync();
            _serverProvider.Dispose();
        }

        private const string Prefix = "Superposition:Models:m:";

        private static async Task<BackendPair> StartAsync(LocalModelProvider serverProvider, Dictionary<string, string?> inProcessModel, string servedName, Func<IConfiguration, IModelProvider> provider)
        {
            var server = await ProtocolServer.StartAsync(serverProvider.Catalog);
            var inProcess = Build(inProcessModel, provider);
            var served = Build(
                new()
                {
                    [$"{Prefix}Kind"] = "vllm",
                    [$"{Prefix}BaseUrl"] = new Uri(server.BaseAddress, "v1/").AbsoluteUri,
                    [$"{Prefix}Model"] = servedName,
                },
                provider);
            return new BackendPair(inProcess, served, server, serverProvider);
        }

        private static ServiceProvider Build(Dictionary<string, string?> settings, Func<IConfiguration, IModelProvider> provider)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            return new ServiceCollection()
                .AddSuperpositionScoring(configuration)
                .AddSingleton(provider(configuration))
                .BuildServiceProvider();
        }
    }

    /// <summary>Prompts short enough for the ONNX fixtures' 64-token context, with room for a generated answer.</summary>
    private static class ShortPrompts
    {
        public static readonly Prompt Capitals = new(
            "short",
            0,
            ["capital", "language", "continent"],
            [1, 1, 0],
            [new Example("capital", "France", "Paris"), new Example("language", "Japan", "Japanese")],
            "Italy",
            " ->",
            [new Candidate("capital", "Rome"), new Candidate("language", "Italian"), new Candidate("continent", "Europe")],
            0);

        public static readonly Prompt Languages = new(
            "short",
            1,
            ["capital", "language"],
            [0, 2],
            [new Example("language", "Spain", "Spanish"), new Example("language", "Peru", "Spanish")],
            "Poland",
            "->",
            [new Candidate("capital", "Warsaw"), new Candidate("language", "Polish")],
            0);
    }
}
