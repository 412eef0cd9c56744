using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Superposition.Scoring.Resilience;

namespace Superposition.Scoring.Tests.Resilience;

public sealed class RetryAfterTests
{
    // A fixed "now", so that an HTTP date (whole seconds) gives an exact wait.
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

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
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfter.From(Headers(("retry-after-ms", "1500"), ("Retry-After", "20")), Time));

    [Fact]
    public void Retry_after_seconds_are_read() =>
        Assert.Equal(TimeSpan.FromSeconds(20), RetryAfter.From(Headers(("Retry-After", "20")), Time));

    [Fact]
    public void Retry_after_date_is_the_wait_until_then()
    {
        var wait = RetryAfter.From(Headers(("Retry-After", Time.GetUtcNow().AddSeconds(30).ToString("r"))), Time);
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
    }

    [Fact]
    public void No_header_leaves_the_backoff_to_the_retry_strategy() =>
        Assert.Null(RetryAfter.From(Headers(), Time));

    [Fact]
    public void Retry_after_date_already_past_is_no_wait() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.From(Headers(("Retry-After", Time.GetUtcNow().AddSeconds(-30).ToString("r"))), Time));
}
