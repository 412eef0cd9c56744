using Microsoft.Extensions.Options;
using Superposition.Prompts;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;
using Superposition.Scoring.Strategies;
using Superposition.Specs;

namespace Superposition.Scoring.Planning;

/// <summary>
/// Counts, without sending anything, the requests and tokens each strategy would spend on a spec's prompts, and
/// their price where the model has prices. Token counts are exact for the models of registered providers
/// (reference models: their tokenizer) and for OpenAI's encodings (run locally); servers that tokenise themselves
/// are estimated with o200k_base.
/// </summary>
public sealed class ScoringPlanner(ModelCatalog catalog, IOptions<ScoringOptions> settings)
{
    private readonly ScoringOptions _settings = settings.Value;

    /// <summary>One row per model and strategy (the concrete strategies, or those named), auto's expected pick marked.</summary>
    public IReadOnlyList<PlanRow> Plan(ExperimentSpec spec, IReadOnlyList<string> models, IReadOnlyList<string>? strategies = null, int? limitPerDistribution = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(models);
        var prompts = Prompts(spec, limitPerDistribution);
        var rows = new List<PlanRow>();
        foreach (var name in models)
        {
            var model = catalog.Resolve(name);
            var (count, exact) = Counter(model);
            var shapes = prompts.Select(p => Shape.Of(p, count, spec.Scoring.Terminator)).ToList();
            var auto = ExpectedAuto(model);
            foreach (var strategy in strategies ?? StrategyNames.Concrete)
            {
                var resolved = strategy == StrategyNames.Auto ? auto : strategy;
                rows.Add(Row(model, resolved, resolved == auto, shapes, spec.Scoring.Samples, exact));
            }
        }

        return rows;
    }

    /// <summary>The prompts a score command would score: the first <paramref name="limit"/> of each distribution.</summary>
    public static IReadOnlyList<Prompt> Prompts(ExperimentSpec spec, int? limit)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var generator = new PromptGenerator(spec.ResolveTasks());
        var count = Math.Min(spec.Prompts, limit ?? int.MaxValue);
        return [.. spec.ResolveDistributions().SelectMany(d => generator.GenerateMany(d, spec.Examples, count, spec.Seed))];
    }

    /// <summary>What auto is expected to pick before probing (the scorer probes echo and completions first).</summary>
    public static string ExpectedAuto(ModelDescriptor model) => model.DefaultStrategy != StrategyNames.Auto ? model.DefaultStrategy : model.Kind switch
    {
        ModelKind.Suite or ModelKind.Vllm or ModelKind.OpenAICompatible => StrategyNames.Echo,
        ModelKind.LlamaCpp => StrategyNames.Trie,
        _ => model.Tokenizer == TokenizerKind.None ? StrategyNames.Sample : StrategyNames.Chat,
    };

    private PlanRow Row(ModelDescriptor model, string strategy, bool isAuto, List<Shape> shapes, int samples, bool exact)
    {
        var needsCompletions = strategy is StrategyNames.Echo or StrategyNames.PaperForward or StrategyNames.Trie or StrategyNames.PaperBeam or StrategyNames.Beam;
        if ((needsCompletions && !model.HasCompletions) || (strategy is StrategyNames.Echo or StrategyNames.PaperForward && model.Kind == ModelKind.LlamaCpp))
        {
            return new PlanRow(model.Name, strategy, isAuto, shapes.Count, 0, 0, 0, null, exact, $"not available on {model.Kind.Name()} endpoints");
        }

        if (strategy == StrategyNames.Chat && !model.HasVllmExtras && model.Tokenizer == TokenizerKind.None)
        {
            return new PlanRow(model.Name, strategy, isAuto, shapes.Count, 0, 0, 0, null, exact, "needs a tokeniser (set Tokenizer)");
        }

        long requests = 0, promptTokens = 0, completionTokens = 0;
        string? note = exact ? null : "token counts estimated with o200k_base";
        foreach (var s in shapes)
        {
            var (r, p, c) = strategy switch
            {
                StrategyNames.Echo => ((long)Math.Ceiling(s.Candidates.Count / (double)model.EchoBatchSize), s.Candidates.Sum(x => (long)s.Context + x.Length), 0L),
                StrategyNames.PaperForward => (s.Candidates.Count, s.Answers.Sum(x => (long)s.Context + x.Length), 0L),
                StrategyNames.Trie => Trie(model, s),
                StrategyNames.Chat when model.HasVllmExtras => (s.Candidates.Count, s.Candidates.Sum(x => (long)s.Context + x.Length), s.Candidates.Count),
                StrategyNames.Chat => ChatWalk(model, s),
                StrategyNames.Sample => Sample(model, s, samples),
                StrategyNames.PaperBeam => Beam(s, (int)(1.5 * s.Answers.Max(a => a.Length))),
                StrategyNames.Beam => Beam(s, (int)Math.Ceiling(1.5 * s.Answers.Max(a => a.Length))),
                _ => throw new ArgumentException($"Unknown strategy '{strategy}'; expected one of {string.Join(", ", StrategyNames.All)}.", nameof(strategy)),
            };
            requests += r;
            promptTokens += p;
            completionTokens += c;
        }

        if (strategy is StrategyNames.Trie or StrategyNames.PaperBeam or StrategyNames.Beam or StrategyNames.Chat && !(strategy == StrategyNames.Chat && model.HasVllmExtras))
        {
            note = (note is null ? string.Empty : note + "; ") + "requests are the worst case";
        }

        var cost = model.CostOf(promptTokens, completionTokens);
        return new PlanRow(model.Name, strategy, isAuto, shapes.Count, requests, promptTokens, completionTokens, cost, exact, note);
    }

    // At worst one request per trie node some candidate continues from, each sending the context and the node's
    // prefix and sampling the node's choices down to the deepest candidate below it.
    private static (long, long, long) Trie(ModelDescriptor model, Shape s)
    {
        var trie = new CandidateTrie(s.Candidates, id => new CandidateToken(id, null, null));
        long requests = 0, prompt = 0, completion = 0;
        var stack = new Stack<CandidateTrie.Node>([trie.Root]);
        while (stack.TryPop(out var node))
        {
            if (node.MaxRemaining > 0)
            {
                requests++;
                prompt += s.Context + node.Depth;
                completion += (long)node.MaxRemaining * TrieWalkStrategy.SamplesAt(node, model.HasMultipleChoices);
            }

            foreach (var child in node.Children.Values)
            {
                stack.Push(child);
            }
        }

        return (requests, prompt, completion);
    }

    private (long, long, long) ChatWalk(ModelDescriptor model, Shape s)
    {
        long requests = Math.Max(1, _settings.ChatWalkMaxRequests);
        var n = !model.HasMultipleChoices ? 1 : Math.Max(1, _settings.ChatWalkSamples);
        var longest = s.Candidates.Max(c => c.Length);
        return (requests, requests * s.Context, requests * n * longest);
    }

    private (long, long, long) Sample(ModelDescriptor model, Shape s, int samples)
    {
        var perRequest = !model.HasMultipleChoices ? 1 : Math.Max(1, _settings.SamplesPerRequest);
        var requests = (long)Math.Ceiling(samples / (double)perRequest);
        return (requests, requests * s.Context, (long)samples * (s.Candidates.Max(c => c.Length) + 1));
    }

    // A ten-beam walk's worst case: 1 + 10·(T − 1) calls for T steps (the authors' T = int(1.5 × the longest answer
    // in tokens); the suite's beam rounds up).
    private static (long, long, long) Beam(Shape s, int steps)
    {
        var requests = 1 + (10L * Math.Max(0, steps - 1));
        return (requests, requests * (s.Context + 1), requests);
    }

    private (Func<string, int[]> Count, bool Exact) Counter(ModelDescriptor model) => model switch
    {
        { Kind: ModelKind.Suite } when catalog.ProviderOf(model) is { } provider => (text => provider.Encode(model, text, addSpecialTokens: false), true),
        { Tokenizer: TokenizerKind.O200kBase or TokenizerKind.Cl100kBase } => (LocalTokenizer.For(model.Tokenizer).Encode, true),
        _ => (LocalTokenizer.For(TokenizerKind.O200kBase).Encode, false),
    };

    private sealed record Shape(int Context, IReadOnlyList<int[]> Candidates, IReadOnlyList<int[]> Answers)
    {
        public static Shape Of(Prompt prompt, Func<string, int[]> encode, bool terminator)
        {
            var newline = terminator ? encode("\n") : [];
            var answers = prompt.Candidates.Select(c => encode(c.Answer)).ToList();
            return new Shape(encode(prompt.Text).Length, [.. answers.Select(a => (int[])[.. a, .. newline])], answers);
        }
    }
}
