using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Superposition.Engine.Planning;
using Superposition.Functions.Hosting;

namespace Superposition.Functions.Http;

/// <summary>
/// POST /api/experiments[?nightly=true]: validates the spec in the body, stores it, enqueues its plan and answers
/// 202 with the experiment id and its status URL. An invalid spec is a 400 naming every bad field, and nothing is
/// written or enqueued for it.
/// </summary>
public sealed class StartExperiment(ExperimentLauncher launcher, SpecRequestValidator validator, IOptions<LimitsOptions> limits)
{
    [Function(nameof(StartExperiment))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "experiments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nightly = false;
        if (request.Query.TryGetValue("nightly", out var flag) && !bool.TryParse(flag.ToString(), out nightly))
        {
            return Problems.BadField("nightly", $"'{flag}' is not true or false.");
        }

        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType(contentType);
        }

        var maxBytes = limits.Value.MaxBodyBytes;
        if (request.ContentLength > maxBytes)
        {
            return Problems.TooLarge(maxBytes);
        }

        var body = await ReadAtMostAsync(request.Body, maxBytes + 1, cancellationToken);
        if (body.Length > maxBytes)
        {
            return Problems.TooLarge(maxBytes);
        }

        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Problems.BadField("$", "the body is not UTF-8 text.");
        }

        var errors = validator.Validate(json, out var spec);
        if (errors.Count > 0)
        {
            return Problems.InvalidSpec(errors);
        }

        var record = await launcher.StartAsync(spec!, nightly, cancellationToken);
        var status = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{record.Id}";
        return new AcceptedResult(status, new StartedExperiment(record.Id, record.Name, status, WorkPlan.Count(spec!), record.Nightly));
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The 202 body: the id, the status URL, and how many work items were planned.</summary>
    public sealed record StartedExperiment(string Id, string Name, string Status, int Items, bool Nightly);
}
