using System.Diagnostics;
using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;
using Superposition.Scoring.Resilience;
using A = Superposition.Scoring.Telemetry.ScoringTelemetry.Attributes;

namespace Superposition.Scoring.Telemetry;

/// <summary>
/// The telemetry of one scored item: its <c>score</c> span (when someone listens), the retries counted in its
/// async flow, and at the end the item's counters and tokens. The scorer starts it once the model is known and
/// finishes it once, with the score or the exception; disposing ends the span.
/// </summary>
internal sealed class ItemTelemetry : IDisposable
{
    private static readonly AsyncLocal<ItemTelemetry?> Ambient = new();

    private readonly ModelDescriptor _model;
    private readonly Activity? _activity;
    private readonly ItemTelemetry? _previous;
    private int _retries;

    private ItemTelemetry(ModelDescriptor model, Activity? activity)
    {
        _model = model;
        _activity = activity;
        _previous = Ambient.Value;
        Ambient.Value = this;
    }

    /// <summary>The item being scored in this async flow, for the retry strategy to count into.</summary>
    public static ItemTelemetry? Current => Ambient.Value;

    public int Retries => Volatile.Read(ref _retries);

    public static ItemTelemetry Start(ModelDescriptor model, Prompt prompt, string strategy, TelemetryOptions options)
    {
        var activity = ScoringTelemetry.Source.StartActivity(ScoringTelemetry.ScoreSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(A.Model, model.Name);
            activity.SetTag(A.GenAiRequestModel, model.RemoteModel);
            activity.SetTag(A.Strategy, strategy);
            if (ScoringTelemetry.Experiment is { } experiment)
            {
                activity.SetTag(A.Experiment, experiment);
            }

            activity.SetTag(A.Distribution, prompt.Distribution);
            activity.SetTag(A.PromptIndex, prompt.Index);
            if (options.MaxPromptCharacters > 0)
            {
                var text = prompt.Text;
                activity.SetTag(A.PromptLength, text.Length);
                activity.SetTag(A.PromptText, text.Length <= options.MaxPromptCharacters ? text : text[..options.MaxPromptCharacters]);
            }
        }

        return new ItemTelemetry(model, activity);
    }

    /// <summary>Called by the retry strategy for each retry of a call made for this item.</summary>
    public void Retried() => Interlocked.Increment(ref _retries);

    public void Scored(string strategy, ScoringCost cost) => Finish(strategy, ScoringTelemetry.Outcomes.Scored, cost.Requests, cost, null);

    /// <summary>The item failed with <paramref name="error"/> after <paramref name="spent"/> (the calls that had answered before).</summary>
    public void Failed(string strategy, ScoringCost spent, Exception error)
    {
        var (outcome, attempts) = error switch
        {
            ScoringFailedException { InnerException: EndpointException e } => (Malformed(e) ? ScoringTelemetry.Outcomes.Malformed : ScoringTelemetry.Outcomes.Failed, spent.Requests + e.Attempts),
            ScoringFailedException => (ScoringTelemetry.Outcomes.Invalid, spent.Requests),
            EndpointException e => (Malformed(e) ? ScoringTelemetry.Outcomes.Malformed : ScoringTelemetry.Outcomes.Failed, spent.Requests + e.Attempts),
            OperationCanceledException => (ScoringTelemetry.Outcomes.Cancelled, spent.Requests),
            _ => (ScoringTelemetry.Outcomes.Error, spent.Requests),
        };
        Finish(strategy, outcome, attempts, spent, error);
    }

    /// <summary>Tokens and cost of calls made outside a scored item (sampling for collapse runs).</summary>
    public static void RecordUsage(ModelDescriptor model, ScoringCost cost)
    {
        if (ScoringTelemetry.TokensCounter.Enabled)
        {
            ScoringTelemetry.TokensCounter.Add(cost.PromptTokens, new(A.Model, model.Name), new(A.TokenKind, ScoringTelemetry.TokenKinds.Prompt));
            ScoringTelemetry.TokensCounter.Add(cost.CompletionTokens, new(A.Model, model.Name), new(A.TokenKind, ScoringTelemetry.TokenKinds.Completion));
        }

        if (ScoringTelemetry.CostCounter.Enabled && model.CostOf(cost.PromptTokens, cost.CompletionTokens) is { } money)
        {
            ScoringTelemetry.CostCounter.Add(money, new KeyValuePair<string, object?>(A.Model, model.Name));
        }
    }

    public void Dispose()
    {
        Ambient.Value = _previous;
        _activity?.Dispose();
    }

    private void Finish(string strategy, string outcome, int attempts, ScoringCost cost, Exception? error)
    {
        if (ScoringTelemetry.PromptsScoredCounter.Enabled)
        {
            ScoringTelemetry.PromptsScoredCounter.Add(1, new(A.Model, _model.Name), new(A.Strategy, strategy), new(A.Outcome, outcome));
        }

        RecordUsage(_model, cost);
        if (_activity is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        activity.SetTag(A.Strategy, strategy);
        activity.SetTag(A.Outcome, outcome);
        activity.SetTag(A.Attempts, attempts);
        activity.SetTag(A.Retries, Retries);
        activity.SetTag(A.PromptTokens, cost.PromptTokens);
        activity.SetTag(A.CompletionTokens, cost.CompletionTokens);
        activity.SetTag(A.GenAiInputTokens, cost.PromptTokens);
        activity.SetTag(A.GenAiOutputTokens, cost.CompletionTokens);
        if (_model.CostOf(cost.PromptTokens, cost.CompletionTokens) is { } money)
        {
            activity.SetTag(A.CostValue, money);
        }

        if (error is not null)
        {
            activity.SetTag(A.ErrorType, outcome);

            // The messages of these exceptions name the model and the cause and never a key (EndpointFailures scrubs it).
            activity.SetStatus(ActivityStatusCode.Error, error is ScoringFailedException f ? f.Cause : error.GetType().Name);
        }
    }

    private static bool Malformed(EndpointException e) => e.InnerException is MalformedResponseException || e.StatusCode == 200;
}
