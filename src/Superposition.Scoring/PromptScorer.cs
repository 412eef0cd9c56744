using Microsoft.Extensions.Logging;
using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;
using Superposition.Scoring.Strategies;
using Superposition.Scoring.Telemetry;
using Superposition.Specs;

namespace Superposition.Scoring;

/// <summary>
/// The <see cref="IPromptScorer"/>: resolves the model and strategy, runs it, and turns failures into records. Every
/// item, scored or failed, passes through one <see cref="ItemTelemetry"/> (its span and counters): the CLI's runs
/// and the Functions worker both score here.
/// </summary>
internal sealed partial class PromptScorer(
    ModelCatalog catalog,
    BackendFactory backends,
    StrategySelector selector,
    ScoringOptions settings,
    TelemetryOptions telemetry,
    TimeProvider time,
    ILogger<PromptScorer> logger) : IPromptScorer
{
    public ModelDescriptor Describe(string model) => catalog.Resolve(model);

    public async Task<string> ResolveStrategyAsync(string model, string strategy = StrategyNames.Auto, CancellationToken cancellationToken = default)
    {
        CheckStrategy(strategy);
        var backend = Backend(model);
        try
        {
            return (await selector.ResolveAsync(strategy, backend, cancellationToken)).Name;
        }
        catch (EndpointException e)
        {
            throw ScoringFailedException.From(model, strategy, e);
        }
    }

    public async Task<PromptScore> ScoreAsync(string model, Prompt prompt, ScoringSpec options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        CheckStrategy(options.Strategy);
        if (options.Samples < 1)
        {
            throw new ArgumentException($"Samples must be at least 1 (got {options.Samples}).", nameof(options));
        }

        if (options.Tokenization == Tokenization.Joint && options.Strategy != StrategyNames.PaperForward)
        {
            throw new ArgumentException($"Joint tokenisation is the authors' paper-forward procedure; strategy '{options.Strategy}' tokenises each answer apart from the prompt.", nameof(options));
        }

        var descriptor = catalog.Resolve(model);
        var backend = backends.Get(descriptor);
        var meter = new CostMeter();
        var started = time.GetTimestamp();
        var strategyName = options.Strategy;
        using var item = ItemTelemetry.Start(descriptor, prompt, strategyName, telemetry);
        try
        {
            IScoringStrategy strategy;
            try
            {
                strategy = await selector.ResolveAsync(options.Strategy, backend, cancellationToken);
            }
            catch (EndpointException e)
            {
                LogFailed(logger, model, options.Strategy, prompt.Distribution, prompt.Index, e.Message);
                throw ScoringFailedException.From(model, options.Strategy, e);
            }

            strategyName = strategy.Name;
            IReadOnlyList<CandidateScore> candidates;
            try
            {
                candidates = await strategy.ScoreAsync(new ScoringContext(backend, prompt, options.Terminator, options.Samples, settings, meter, options.Tokenization), cancellationToken);
            }
            catch (EndpointException e)
            {
                LogFailed(logger, model, strategy.Name, prompt.Distribution, prompt.Index, e.Message);
                throw ScoringFailedException.From(model, strategy.Name, e);
            }

            Check(model, strategy.Name, prompt, candidates);
            var cost = meter.ToCost(time.GetElapsedTime(started).TotalMilliseconds);
            LogScored(logger, prompt.Distribution, prompt.Index, model, strategy.Name, cost.Requests, cost.PromptTokens);
            item.Scored(strategy.Name, cost);
            return new PromptScore(model, strategy.Name, candidates, cost, options.Tokenization);
        }
        catch (Exception e)
        {
            item.Failed(strategyName, meter.ToCost(time.GetElapsedTime(started).TotalMilliseconds), e);
            throw;
        }
    }

    public async Task<SampleBatch> SampleAsync(string model, string prompt, SamplingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prompt);
        ArgumentNullException.ThrowIfNull(request);
        var descriptor = catalog.Resolve(model);
        var backend = backends.Get(descriptor);
        var meter = new CostMeter();
        var started = time.GetTimestamp();
        try
        {
            var (texts, finish) = await CompletionSampler.SampleAsync(backend, meter, prompt, request, settings.SamplesPerRequest, cancellationToken);
            return new SampleBatch(texts, finish, meter.ToCost(time.GetElapsedTime(started).TotalMilliseconds));
        }
        catch (EndpointException e)
        {
            throw ScoringFailedException.From(model, StrategyNames.Sample, e);
        }
        finally
        {
            // A collapse run's turns: tokens and cost count, but a turn is not a scored item (no span of its own).
            ItemTelemetry.RecordUsage(descriptor, meter.ToCost(0));
        }
    }

    private IScoringBackend Backend(string model) => backends.Get(catalog.Resolve(model));

    private static void CheckStrategy(string strategy)
    {
        if (!StrategyNames.All.Contains(strategy))
        {
            throw new ArgumentException($"Unknown strategy '{strategy}'; expected one of {string.Join(", ", StrategyNames.All)}.", nameof(strategy));
        }
    }

    // The last line of defence against a wrong number: one score per candidate, in task order, each measure a
    // log-probability, and the prefix-inclusive measure on every candidate (every strategy takes it).
    private static void Check(string model, string strategy, Prompt prompt, IReadOnlyList<CandidateScore> candidates)
    {
        if (!candidates.Select(c => c.Task).SequenceEqual(prompt.Tasks))
        {
            throw new ScoringFailedException(model, strategy, 0, "the strategy returned candidates out of task order");
        }

        foreach (var c in candidates)
        {
            if (c.Prefix is null)
            {
                throw new ScoringFailedException(model, strategy, 0, $"candidate {c.Task} got no prefix-inclusive probability");
            }

            foreach (var p in new[] { c.Terminated, c.Prefix })
            {
                if (p is not null && (double.IsNaN(p.LogProbability) || p.LogProbability > 1e-9))
                {
                    throw new ScoringFailedException(model, strategy, 0, $"candidate {c.Task} got log-probability {p.LogProbability}, which is no probability");
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scored {Distribution}/{Index} on {Model} by {Strategy}: {Requests} requests, {PromptTokens} prompt tokens")]
    private static partial void LogScored(ILogger logger, string distribution, int index, string model, string strategy, int requests, long promptTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scoring {Distribution}/{Index} on {Model} by {Strategy} failed: {Cause}")]
    private static partial void LogFailed(ILogger logger, string model, string strategy, string distribution, int index, string cause);
}
