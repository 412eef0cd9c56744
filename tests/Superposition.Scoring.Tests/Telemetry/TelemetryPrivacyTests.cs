using System.Globalization;
using Superposition.ModelServer.Hosting;
using Superposition.Scoring.Telemetry;
using Superposition.Specs;
using Superposition.Testing;
using A = Superposition.Scoring.Telemetry.ScoringTelemetry.Attributes;

namespace Superposition.Scoring.Tests.Telemetry;

/// <summary>No API key, and no prompt text beyond the configured limit, in any span, metric point or log record exported.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryPrivacyTests
{
    private const string Key = "sk-otel-7c1e5a93d2-SECRET";

    // Windows of the prompt this long that reach past the limit must appear nowhere (shorter ones are numbers and
    // separators that any text may hold).
    private const int Window = 16;

    [Theory]
    [InlineData(0)]
    [InlineData(24)]
    public async Task No_key_and_no_prompt_text_beyond_the_limit_reaches_any_span_metric_or_log(int limit)
    {
        var models = new Dictionary<string, IDictionary<string, string?>>
        {
            ["keyed"] = new Dictionary<string, string?> { ["Kind"] = "reference", ["Model"] = "reference-calibrated", ["ApiKeySetting"] = "Secrets:TelemetryKey" },
            ["keyed-wrong"] = new Dictionary<string, string?> { ["Kind"] = "reference", ["Model"] = "reference-calibrated", ["ApiKeySetting"] = "Secrets:WrongKey" },
        };
        var settings = new Dictionary<string, string?>
        {
            ["Secrets:TelemetryKey"] = Key,
            ["Secrets:WrongKey"] = Key + "-not",
            ["Superposition:Telemetry:MaxPromptCharacters"] = limit.ToString(CultureInfo.InvariantCulture),
        };
        using var capture = new TelemetryCapture(ScoringTelemetry.Name);

        // The server answers 401 to any request without the key, so a scored item proves the key was sent.
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { ApiKey = Key }, models, settings, logging: capture.AddTo);
        var prompts = new[] { Designed.Numbers("D1", 0), Designed.Countries("D3", 1), Designed.Numbers("D3", 2) };
        var strategies = new[] { "echo", "trie", "chat" };
        using (ScoringTelemetry.ForExperiment("privacy"))
        {
            for (var i = 0; i < prompts.Length; i++)
            {
                await host.Scorer.ScoreAsync("keyed", prompts[i], new ScoringSpec(strategies[i]));
            }

            var refused = await Assert.ThrowsAsync<ScoringFailedException>(() => host.Scorer.ScoreAsync("keyed-wrong", prompts[0], new ScoringSpec("echo")));
            Assert.Contains("refused the credentials", refused.Cause, StringComparison.Ordinal);
        }

        var spans = capture.Spans.Where(s => s.GetTagItem(A.Model) is "keyed" or "keyed-wrong").ToList();
        Assert.Equal(4, spans.Count);
        var texts = capture.Texts();
        Assert.Contains(texts, t => t.Contains("keyed-wrong", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Scored", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(Key, t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("7c1e5a93d2", t, StringComparison.Ordinal));

        foreach (var prompt in prompts)
        {
            var text = prompt.Text;
            for (var start = Math.Max(0, limit - Window + 1); start + Window <= text.Length; start++)
            {
                var window = text.Substring(start, Window);
                Assert.DoesNotContain(texts, t => t.Contains(window, StringComparison.Ordinal));
            }
        }

        // The limit is honoured, not just an absence: the span carries exactly the prompt's first characters.
        var first = spans.First(s => Equals(s.GetTagItem(A.Strategy), "echo") && Equals(s.GetTagItem(A.Model), "keyed"));
        Assert.Equal(limit == 0 ? null : prompts[0].Text[..limit], first.GetTagItem(A.PromptText));
    }
}
