using Microsoft.AspNetCore.Http;
using Superposition.ModelServer.Hosting;

namespace Superposition.ModelServer.Http;

/// <summary>
/// With <see cref="ProtocolServerOptions.ApiKey"/> set, answers 401 (OpenAI's body) to a request without
/// <c>Authorization: Bearer &lt;key&gt;</c>, so that a test can prove a client sent its key. /stats and /health stay open.
/// The answer never repeats what was sent.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ProtocolServerOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (options.ApiKey is { Length: > 0 } key && path is not ("/stats" or "/health")
            && !string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + key, StringComparison.Ordinal))
        {
            await ResponseWriter.WriteErrorAsync(context, new ApiException(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
            return;
        }

        await next(context);
    }
}
