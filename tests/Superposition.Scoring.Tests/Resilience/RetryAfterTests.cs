using System.Net.Http.Headers;
using Superposition.Scoring.Resilience;

namespace Superposition.Scoring.Tests.Resilience;

public sealed class RetryAfterTests
{
    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in values)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }

    [Fact]
    public void Retry_after_ms_wins_over_retry_after_seconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfter.From(Headers(("retry-after-ms", "1500"), ("Retry-After", "20")), TimeProvider.System));

    [Fact]
    public void Retry_after_seconds_are_read() =>
        Assert.Equal(TimeSpan.FromSeconds(20), RetryAfter.From(Headers(("Retry-After", "20")), TimeProvider.System));

    [Fact]
    public void Retry_after_date_is_the_wait_until_then()
    {
        var now = DateTimeOffset.UtcNow;
        var wait = RetryAfter.From(Headers(("Retry-After", now.AddSeconds(30).ToString("r"))), TimeProvider.System);
        Assert.InRange(wait!.Value.TotalSeconds, 27, 31);
    }

    [Fact]
    public void No_header_leaves_the_backoff_to_the_retry_strategy() =>
        Assert.Null(RetryAfter.From(Headers(), TimeProvider.System));
}
