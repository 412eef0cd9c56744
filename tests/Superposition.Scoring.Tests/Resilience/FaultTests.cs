using Superposition.ModelServer.Hosting;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Testing;

namespace Superposition.Scoring.Tests.Resilience;

/// <summary>Under injected faults a prompt gets its exact numbers or a recorded failure, never a wrong number.</summary>
public sealed class FaultTests
{
    private static readonly Dictionary<string, IDictionary<string, string?>> Patient = new()
    {
        ["patient"] = new Dictionary<string, string?>
        {
            ["Kind"] = "reference",
            ["Model"] = "reference-calibrated",
            ["MaxRetryAttempts"] = "12",
            ["RequestTimeoutSeconds"] = "0.4",
            ["CircuitBreakerFailureRatio"] = "1",
            ["CircuitBreakerMinimumThroughput"] = "100000",
        },
    };

    [Theory]
    [InlineData("echo")]
    [InlineData("trie")]
    [InlineData("chat")]
    public async Task Mixed_faults_give_exact_numbers_or_recorded_failures_never_wrong_ones(string strategy)
    {
        var faults = new FaultOptions { LatencyMs = 1, JitterMs = 4, ErrorRate = 0.15, RateLimitRate = 0.1, MalformedRate = 0.15, HangRate = 0.04, Seed = strategy.Length };
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = faults }, Patient);
        var prompts = Enumerable.Range(0, 6).Select(i => Designed.Numbers("D3", i)).ToList();

        var outcomes = await Task.WhenAll(prompts.Select(async p =>
        {
            try
            {
                return (p, await host.Scorer.ScoreAsync("patient", p, new ScoringSpec(strategy)), (ScoringFailedException?)null);
            }
            catch (ScoringFailedException e)
            {
                return (p, (PromptScore?)null, e);
            }
        }));

        foreach (var (prompt, score, failure) in outcomes)
        {
            if (score is null)
            {
                Assert.Contains("patient", failure!.Message, StringComparison.Ordinal);
                continue;
            }

            var designed = Designed.Probabilities(prompt, "reference-calibrated");
            for (var i = 0; i < designed.Length; i++)
            {
                Assert.Equal(Exactness.Exact, score.Candidates[i].Terminated!.Exactness);
                Assert.Equal(designed[i], score.Candidates[i].Terminated!.Probability, 1e-6);
            }
        }

        var stats = host.Server.Stats.Snapshot();
        Assert.True(outcomes.Count(o => o.Item2 is not null) >= 5, "twelve retries should carry almost every prompt through");
        Assert.True(stats.Faults.Malformed + stats.Faults.ServerErrors500 + stats.Faults.ServerErrors503 + stats.Faults.RateLimited + stats.Faults.Hangs > 3, "faults were injected");
    }

    [Fact]
    public async Task Malformed_answers_until_retries_run_out_are_a_recorded_failure()
    {
        var model = new Dictionary<string, IDictionary<string, string?>>
        {
            ["broken"] = new Dictionary<string, string?> { ["Kind"] = "reference", ["Model"] = "reference-calibrated", ["MaxRetryAttempts"] = "3" },
        };
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = new FaultOptions { MalformedRate = 1 } }, model);

        var failure = await Assert.ThrowsAsync<ScoringFailedException>(() => host.Scorer.ScoreAsync("broken", Designed.Numbers(), new ScoringSpec("trie")));

        Assert.Equal("broken", failure.Model);
        Assert.Equal("trie", failure.Strategy);
        Assert.Equal(4, failure.Attempts);
        Assert.Contains("malformed", failure.Cause, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Server_errors_until_retries_run_out_name_the_status_and_attempts()
    {
        var model = new Dictionary<string, IDictionary<string, string?>>
        {
            ["failing"] = new Dictionary<string, string?> { ["Kind"] = "reference", ["Model"] = "reference-calibrated", ["MaxRetryAttempts"] = "2", ["CircuitBreakerMinimumThroughput"] = "1000" },
        };
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = new FaultOptions { ErrorRate = 1 } }, model);

        var failure = await Assert.ThrowsAsync<ScoringFailedException>(() => host.Scorer.ScoreAsync("failing", Designed.Numbers(), new ScoringSpec("echo")));

        Assert.Equal(3, failure.Attempts);
        Assert.Matches("HTTP 50[03]", failure.Message);
    }

    [Fact]
    public async Task Hanging_requests_are_abandoned_at_the_attempt_timeout_and_retried()
    {
        var model = new Dictionary<string, IDictionary<string, string?>>
        {
            ["hangs"] = new Dictionary<string, string?> { ["Kind"] = "reference", ["Model"] = "reference-calibrated", ["MaxRetryAttempts"] = "1", ["RequestTimeoutSeconds"] = "0.2" },
        };
        var timeout = TimeSpan.FromSeconds(0.2);
        var time = new RecordingTimeProvider();
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = new FaultOptions { HangRate = 1 } }, model, time: time);

        var scoring = host.Scorer.ScoreAsync("hangs", Designed.Numbers(), new ScoringSpec("echo"));

        // The scorer sends several requests at once, each hanging. The clock moves by one attempt timeout whenever
        // every attempt started so far (each arms its timeout before sending) is held by the server and something
        // new waits on the clock (a fresh attempt or a retry's short backoff): so no attempt can end but by its
        // timeout, and none before the server has held it.
        var advances = 0;
        var waitsAtLastAdvance = 0;
        await Poll.UntilAsync(
            () =>
            {
                var waits = time.Waits;
                var faults = host.Server.Stats.Snapshot().Faults;
                if (!scoring.IsCompleted && faults.Hangs > 0 && faults.Hangs == waits.Count(w => w == timeout) && waits.Count > waitsAtLastAdvance)
                {
                    Assert.True(advances > 0 || faults.HangsReleased == 0, "a hanging attempt was abandoned before its timeout");
                    waitsAtLastAdvance = waits.Count;
                    time.Advance(timeout);
                    advances++;
                }

                return scoring.IsCompleted;
            },
            "the scorer to give up on the hanging requests");

        var failure = await Assert.ThrowsAsync<ScoringFailedException>(() => scoring);
        Assert.Equal(2, failure.Attempts);
        Assert.Contains("timeout", failure.Cause, StringComparison.OrdinalIgnoreCase);
        Assert.True(advances >= 2, $"both attempts ended by the fake clock's timeout ({advances} advances)");
    }

    [Fact]
    public async Task Retry_after_of_a_429_is_honoured()
    {
        var model = new Dictionary<string, IDictionary<string, string?>>
        {
            ["limited"] = new Dictionary<string, string?> { ["Kind"] = "reference", ["Model"] = "reference-calibrated", ["MaxRetryAttempts"] = "8", ["MaxRetryDelaySeconds"] = "5", ["RequestTimeoutSeconds"] = "30" },
        };

        // Half the requests get 429 with Retry-After: 1 (and retry-after-ms: 1000). The scorer's clock is fake: each
        // retry waits on it until the test advances it by exactly the wait asked for, so the recorded waits are what
        // the pipeline chose. Attempt timeouts (30 s) are recorded too; the test never advances that far at once.
        var time = new RecordingTimeProvider();
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = new FaultOptions { RateLimitRate = 0.5, RetryAfterSeconds = 1, Seed = 3 } }, model, time: time);
        var timeout = TimeSpan.FromSeconds(30);
        var scoring = host.Scorer.ScoreAsync("limited", Designed.Numbers("D1", 0), new ScoringSpec("echo"));

        var released = 0;
        await Poll.UntilAsync(
            () =>
            {
                var retryWaits = time.Waits.Where(w => w < timeout).ToList();
                if (retryWaits.Count > released)
                {
                    time.Advance(retryWaits[released++]);
                }

                return scoring.IsCompleted;
            },
            "scoring to finish through the rate limits");

        var score = await scoring;
        var stats = host.Server.Stats.Snapshot();
        var waits = time.Waits.Where(w => w < timeout).ToList();
        Assert.True(stats.Faults.RateLimited >= 1, "a request was rate-limited");
        Assert.Equal(stats.Faults.RateLimited, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.1)));
        Assert.True(score.IsExact(AnswerMeasure.Terminated));
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_names_the_model_and_cause()
    {
        var model = new Dictionary<string, IDictionary<string, string?>>
        {
            ["typo"] = new Dictionary<string, string?> { ["Kind"] = "vllm", ["Model"] = "reference-calibratd" },
        };
        await using var host = await ScorerHost.StartAsync(models: model);

        var failure = await Assert.ThrowsAsync<ScoringFailedException>(() => host.Scorer.ScoreAsync("typo", Designed.Numbers(), new ScoringSpec("trie")));

        Assert.Equal(1, failure.Attempts);
        Assert.Contains("typo", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not know the model", failure.Cause, StringComparison.Ordinal);
        Assert.Contains("404", failure.Message, StringComparison.Ordinal);
    }
}
