using System.Globalization;
using Superposition.Scoring.Resilience;
using A = Superposition.Scoring.Telemetry.ScoringTelemetry.Attributes;
using S = Superposition.Scoring.Telemetry.ScoringTelemetry.StatusClasses;

namespace Superposition.Scoring.Telemetry;

/// <summary>
/// Times each HTTP attempt to a model (inside the retry strategy, outside the JSON validation, so that a malformed
/// body counts as such): <c>superposition.model.call.duration</c> by status class. Reads no header and no body.
/// </summary>
internal sealed class CallTelemetryHandler(string model, TimeProvider time) : DelegatingHandler
{
    private static readonly string[] Classes = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!ScoringTelemetry.ModelCallDurationHistogram.Enabled)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var started = time.GetTimestamp();
        var status = S.Error;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var hundreds = (int)response.StatusCode / 100;
            status = hundreds is >= 1 and <= 5 ? Classes[hundreds - 1] : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        catch (MalformedResponseException)
        {
            status = S.Malformed;
            throw;
        }
        catch (OperationCanceledException)
        {
            status = S.Timeout;
            throw;
        }
        finally
        {
            ScoringTelemetry.ModelCallDurationHistogram.Record(time.GetElapsedTime(started).TotalSeconds, new(A.Model, model), new(A.StatusClass, status));
        }
    }
}
