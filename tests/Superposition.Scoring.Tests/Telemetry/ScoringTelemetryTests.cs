using System.Diagnostics;
using Superposition.ModelServer.Hosting;
using Superposition.Scoring.Telemetry;
using Superposition.Specs;
using Superposition.Testing;
using A = Superposition.Scoring.Telemetry.ScoringTelemetry.Attributes;

namespace Superposition.Scoring.Tests.Telemetry;

/// <summary>What a scored item sends: one span, the counters and the call latencies, against the reference server over loopback.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ScoringTelemetryTests
{
    [Fact]
    public async Task A_scored_item_gives_one_span_with_model_strategy_attempts_and_outcome_and_the_metrics()
    {
        var models = new Dictionary<string, IDictionary<string, string?>>
        {
            ["priced"] = new Dictionary<string, string?>
            {
                ["Kind"] = "reference",
                ["Model"] = "reference-calibrated",
                ["PromptPricePerMillionTokens"] = "2",
                ["CompletionPricePerMillionTokens"] = "8",
            },
        };
        using var capture = new TelemetryCapture(ScoringTelemetry.Name);
        await using var host = await ScorerHost.StartAsync(models: models);
        var prompt = Designed.Numbers("D2", 3);

        Scores.PromptScore score;
        using (ScoringTelemetry.ForExperiment("fig6-telemetry"))
        {
            score = await host.Scorer.ScoreAsync("priced", prompt, new ScoringSpec("echo"));
        }

        var span = Assert.Single(capture.Spans, s => Equals(s.GetTagItem(A.Model), "priced"));
        Assert.Equal(ScoringTelemetry.ScoreSpan, span.DisplayName);
        Assert.Equal("echo", span.GetTagItem(A.Strategy));
        Assert.Equal(ScoringTelemetry.Outcomes.Scored, span.GetTagItem(A.Outcome));
        Assert.True(score.Cost.Requests > 0);
        Assert.Equal(score.Cost.Requests, span.GetTagItem(A.Attempts));
        Assert.Equal(0, span.GetTagItem(A.Retries));
        Assert.Equal("fig6-telemetry", span.GetTagItem(A.Experiment));
        Assert.Equal("D2", span.GetTagItem(A.Distribution));
        Assert.Equal(3, span.GetTagItem(A.PromptIndex));
        Assert.Equal("reference-calibrated", span.GetTagItem(A.GenAiRequestModel));
        Assert.Null(span.GetTagItem(A.PromptText));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        var cost = ((score.Cost.PromptTokens * 2.0) + (score.Cost.CompletionTokens * 8.0)) / 1e6;
        Assert.True(cost > 0, "the reference server reports prompt tokens");
        Assert.Equal(cost, (double)span.GetTagItem(A.CostValue)!, 12);

        Assert.Equal(1, capture.Sum(ScoringTelemetry.PromptsScored, (A.Model, "priced"), (A.Strategy, "echo"), (A.Outcome, "scored")));
        Assert.Equal(score.Cost.PromptTokens, capture.Sum(ScoringTelemetry.Tokens, (A.Model, "priced"), (A.TokenKind, "prompt")));
        Assert.Equal(score.Cost.CompletionTokens, capture.Sum(ScoringTelemetry.Tokens, (A.Model, "priced"), (A.TokenKind, "completion")));
        Assert.Equal(cost, capture.Sum(ScoringTelemetry.Cost, (A.Model, "priced")), 12);

        // Every HTTP attempt is timed: the scoring requests, and the tokenisation ones the result does not count.
        Assert.True(capture.Sum(ScoringTelemetry.ModelCallDuration, (A.Model, "priced"), (A.StatusClass, "2xx")) >= score.Cost.Requests);
        Assert.Equal(0, capture.Sum(ScoringTelemetry.ModelRetries, (A.Model, "priced")));
    }

    [Fact]
    public async Task Retries_are_counted_by_reason_429_then_5xx_then_malformed()
    {
        var models = new Dictionary<string, IDictionary<string, string?>>
        {
            ["flaky"] = new Dictionary<string, string?>
            {
                ["Kind"] = "reference",
                ["Model"] = "reference-calibrated",
                ["MaxRetryAttempts"] = "5",
                ["CircuitBreakerMinimumThroughput"] = "100000",
            },
        };
        var faults = new FaultOptions { GenerationOnly = true, Script = [ScriptedFault.RateLimited, ScriptedFault.ServerError500, ScriptedFault.Malformed] };
        using var capture = new TelemetryCapture(ScoringTelemetry.Name);
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = faults }, models);

        var score = await host.Scorer.ScoreAsync("flaky", Designed.Numbers(), new ScoringSpec("echo"));

        Assert.Equal(1, capture.Sum(ScoringTelemetry.ModelRetries, (A.Model, "flaky"), (A.Reason, "429")));
        Assert.Equal(1, capture.Sum(ScoringTelemetry.ModelRetries, (A.Model, "flaky"), (A.Reason, "5xx")));
        Assert.Equal(1, capture.Sum(ScoringTelemetry.ModelRetries, (A.Model, "flaky"), (A.Reason, "malformed")));
        Assert.Equal(3, capture.Sum(ScoringTelemetry.ModelRetries, (A.Model, "flaky")));
        Assert.Equal(1, capture.Sum(ScoringTelemetry.ModelCallDuration, (A.Model, "flaky"), (A.StatusClass, "4xx")));
        Assert.Equal(1, capture.Sum(ScoringTelemetry.ModelCallDuration, (A.Model, "flaky"), (A.StatusClass, "5xx")));
        Assert.Equal(1, capture.Sum(ScoringTelemetry.ModelCallDuration, (A.Model, "flaky"), (A.StatusClass, "malformed")));

        var span = Assert.Single(capture.Spans, s => Equals(s.GetTagItem(A.Model), "flaky"));
        Assert.Equal(ScoringTelemetry.Outcomes.Scored, span.GetTagItem(A.Outcome));
        Assert.Equal(3, span.GetTagItem(A.Retries));

        // The three faulted attempts were answered too, so the item's attempts count them.
        Assert.Equal(score.Cost.Requests, span.GetTagItem(A.Attempts));
        Assert.True(score.Cost.Requests >= 4);
    }

    [Theory]
    [InlineData("malformed", "malformed")]
    [InlineData("5xx", "failed")]
    public async Task An_item_whose_calls_fail_until_retries_run_out_has_an_error_span_with_its_outcome(string reason, string outcome)
    {
        var models = new Dictionary<string, IDictionary<string, string?>>
        {
            ["broken"] = new Dictionary<string, string?>
            {
                ["Kind"] = "reference",
                ["Model"] = "reference-calibrated",
                ["MaxRetryAttempts"] = "2",
                ["CircuitBreakerMinimumThroughput"] = "100000",
            },
        };
        var faults = reason == "malformed" ? new FaultOptions { GenerationOnly = true, MalformedRate = 1 } : new FaultOptions { GenerationOnly = true, ErrorRate = 1 };
        using var capture = new TelemetryCapture(ScoringTelemetry.Name);
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = faults }, models);

        var failure = await Assert.ThrowsAsync<ScoringFailedException>(() => host.Scorer.ScoreAsync("broken", Designed.Numbers(), new ScoringSpec("echo")));

        var span = Assert.Single(capture.Spans, s => Equals(s.GetTagItem(A.Model), "broken"));
        Assert.Equal(outcome, span.GetTagItem(A.Outcome));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(failure.Cause, span.StatusDescription);
        Assert.True((int)span.GetTagItem(A.Attempts)! >= 3, "one call's three attempts at least");
        Assert.Equal(1, capture.Sum(ScoringTelemetry.PromptsScored, (A.Model, "broken"), (A.Outcome, outcome)));
        Assert.True(capture.Sum(ScoringTelemetry.ModelRetries, (A.Model, "broken"), (A.Reason, reason)) >= 2);
        Assert.Equal(0, capture.Sum(ScoringTelemetry.PromptsScored, (A.Model, "broken"), (A.Outcome, "scored")));
    }

    [Fact]
    public async Task A_negative_prompt_limit_is_refused_naming_the_setting()
    {
        await using var host = await ScorerHost.StartAsync(extra: new Dictionary<string, string?> { ["Superposition:Telemetry:MaxPromptCharacters"] = "-1" });

        var e = Assert.ThrowsAny<Exception>(() => host.Scorer);
        Assert.Contains("Superposition:Telemetry:MaxPromptCharacters", e.Message, StringComparison.Ordinal);
    }
}
