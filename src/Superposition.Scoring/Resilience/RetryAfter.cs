using System.Globalization;
using System.Net.Http.Headers;

namespace Superposition.Scoring.Resilience;

/// <summary>The wait a server asks for: <c>retry-after-ms</c> (Azure OpenAI, OpenAI), else <c>Retry-After</c> (seconds or an HTTP date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseHeaders headers, TimeProvider time)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0 && double.IsFinite(milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta >= TimeSpan.Zero ? delta : TimeSpan.Zero;
            }

            if (retryAfter.Date is { } date)
            {
                var wait = date - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }
}
