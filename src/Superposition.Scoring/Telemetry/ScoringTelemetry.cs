using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Superposition.Scoring.Telemetry;

/// <summary>
/// The one place telemetry names are written. The code emits through <see cref="ActivitySource"/> and
/// <see cref="Meter"/> (System.Diagnostics, no SDK); the hosts wire the OpenTelemetry SDK and its exporters (the
/// Functions app to Application Insights, the CLI to the console or OTLP on <c>--telemetry</c>). With no listener
/// every call below costs a null check. Names (README, "Telemetry"):
/// <list type="bullet">
/// <item>source and meter <c>Superposition</c>;</item>
/// <item>span <c>score</c>, one per scored item (one model × one prompt), with <c>superposition.model</c>,
/// <c>superposition.strategy</c>, <c>superposition.attempts</c>, <c>superposition.retries</c>, <c>superposition.outcome</c>
/// (<see cref="Outcomes"/>), <c>superposition.experiment</c> (when known), <c>superposition.distribution</c>,
/// <c>superposition.prompt.index</c>, <c>superposition.prompt.length</c>, the tokens, the cost (where the model has
/// prices), <c>superposition.prompt.text</c> only up to <see cref="TelemetryOptions.MaxPromptCharacters"/>, the
/// gen_ai conventions' <c>gen_ai.request.model</c> and <c>gen_ai.usage.input_tokens</c>/<c>output_tokens</c>, and
/// error status on failure;</item>
/// <item>counter <c>superposition.prompts.scored</c> {prompt} (model, strategy, outcome);</item>
/// <item>histogram <c>superposition.model.call.duration</c> in seconds, one per HTTP attempt (model, status class
/// <see cref="StatusClasses"/>);</item>
/// <item>counter <c>superposition.model.retries</c> {retry} (model, reason <see cref="RetryReasons"/>);</item>
/// <item>counter <c>superposition.tokens</c> {token} (model, kind prompt | completion);</item>
/// <item>counter <c>superposition.cost</c> in the currency of the model's prices (model), only for models with prices.</item>
/// </list>
/// No attribute ever holds an API key: keys stay in the endpoint's Authorization header, which nothing here reads.
/// </summary>
public static class ScoringTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>: what a host subscribes to.</summary>
    public const string Name = "Superposition";

    /// <summary>The span of one scored item.</summary>
    public const string ScoreSpan = "score";

    public const string PromptsScored = "superposition.prompts.scored";
    public const string ModelCallDuration = "superposition.model.call.duration";
    public const string ModelRetries = "superposition.model.retries";
    public const string Tokens = "superposition.tokens";
    public const string Cost = "superposition.cost";

    public static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> PromptsScoredCounter =
        Meter.CreateCounter<long>(PromptsScored, "{prompt}", "Items scored (one model × one prompt), by outcome.");

    internal static readonly Histogram<double> ModelCallDurationHistogram =
        Meter.CreateHistogram<double>(ModelCallDuration, "s", "Duration of one HTTP attempt to a model endpoint, by status class.");

    internal static readonly Counter<long> ModelRetriesCounter =
        Meter.CreateCounter<long>(ModelRetries, "{retry}", "Model calls retried, by reason (429, 5xx, timeout, malformed, other).");

    internal static readonly Counter<long> TokensCounter =
        Meter.CreateCounter<long>(Tokens, "{token}", "Tokens the endpoints reported, by kind (prompt, completion).");

    internal static readonly Counter<double> CostCounter =
        Meter.CreateCounter<double>(Cost, null, "What scoring cost at the model's configured prices (their currency); models without prices add nothing.");

    /// <summary>Attribute names.</summary>
    public static class Attributes
    {
        public const string Model = "superposition.model";
        public const string Strategy = "superposition.strategy";
        public const string Attempts = "superposition.attempts";
        public const string Retries = "superposition.retries";
        public const string Outcome = "superposition.outcome";
        public const string Experiment = "superposition.experiment";
        public const string Distribution = "superposition.distribution";
        public const string PromptIndex = "superposition.prompt.index";
        public const string PromptLength = "superposition.prompt.length";
        public const string PromptText = "superposition.prompt.text";
        public const string PromptTokens = "superposition.tokens.prompt";
        public const string CompletionTokens = "superposition.tokens.completion";
        public const string CostValue = "superposition.cost";
        public const string StatusClass = "superposition.status_class";
        public const string Reason = "superposition.reason";
        public const string TokenKind = "superposition.token_kind";
        public const string ErrorType = "error.type";

        // OpenTelemetry's gen_ai semantic conventions, beside our stable names.
        public const string GenAiRequestModel = "gen_ai.request.model";
        public const string GenAiInputTokens = "gen_ai.usage.input_tokens";
        public const string GenAiOutputTokens = "gen_ai.usage.output_tokens";
    }

    /// <summary>Values of <c>superposition.outcome</c>.</summary>
    public static class Outcomes
    {
        /// <summary>Every candidate got its probability.</summary>
        public const string Scored = "scored";

        /// <summary>The endpoint failed (retries exhausted, or a cause retrying cannot fix).</summary>
        public const string Failed = "failed";

        /// <summary>The endpoint answered, but not in a shape that can be read (after retries).</summary>
        public const string Malformed = "malformed";

        /// <summary>The answers were read but failed the last checks (a number that is no probability).</summary>
        public const string Invalid = "invalid";

        /// <summary>The caller cancelled.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>Anything else (a bug).</summary>
        public const string Error = "error";
    }

    /// <summary>Values of <c>superposition.reason</c> on <c>superposition.model.retries</c>.</summary>
    public static class RetryReasons
    {
        public const string RateLimited = "429";
        public const string ServerError = "5xx";
        public const string Timeout = "timeout";
        public const string Malformed = "malformed";
        public const string Other = "other";
    }

    /// <summary>Values of <c>superposition.status_class</c> on <c>superposition.model.call.duration</c>: 2xx, 3xx, 4xx, 5xx, or these.</summary>
    public static class StatusClasses
    {
        /// <summary>A 2xx answer whose body was not valid JSON.</summary>
        public const string Malformed = "malformed";

        /// <summary>No answer before the attempt was cancelled (its timeout, or the caller).</summary>
        public const string Timeout = "timeout";

        /// <summary>No answer: the connection failed.</summary>
        public const string Error = "error";
    }

    /// <summary>Token kinds.</summary>
    public static class TokenKinds
    {
        public const string Prompt = "prompt";
        public const string Completion = "completion";
    }

    /// <summary>
    /// Names the experiment of the items scored in the current async flow (the work-item step knows it; the scorer
    /// does not): dispose to stop. Spans started meanwhile carry <c>superposition.experiment</c>.
    /// </summary>
    public static ExperimentScope ForExperiment(string experiment)
    {
        var previous = CurrentExperiment.Value;
        CurrentExperiment.Value = experiment;
        return new ExperimentScope(previous);
    }

    internal static string? Experiment => CurrentExperiment.Value;

    private static readonly AsyncLocal<string?> CurrentExperiment = new();

    /// <summary>Restores the experiment named before <see cref="ForExperiment"/>.</summary>
    public readonly struct ExperimentScope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentExperiment.Value = previous;
    }
}
