using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Superposition.LanguageModels;

namespace Superposition.ModelServer.Http;

/// <summary>
/// Maps the protocol's routes onto <see cref="ProtocolApi"/>; every failure is an OpenAI-style error body, and a model
/// whose queue is full (<see cref="ModelBusyException"/>) answers 503 with Retry-After.
/// </summary>
internal static class Endpoints
{
    private const string BusyRetryAfterSeconds = "1";

    public static void MapProtocolEndpoints(this IEndpointRouteBuilder app, ProtocolApi api)
    {
        app.MapPost("/v1/completions", context => HandleAsync<CompletionRequest>(context, api.Completions));
        app.MapPost("/v1/chat/completions", context => HandleAsync<ChatRequest>(context, api.Chat));
        // Azure OpenAI's deployment routes (api-version in the query is accepted and ignored): the deployment name is the model.
        app.MapPost("/openai/deployments/{deployment}/completions", context => HandleAsync<CompletionRequest>(context, r => api.Completions(r with { Model = Deployment(context) })));
        app.MapPost("/openai/deployments/{deployment}/chat/completions", context => HandleAsync<ChatRequest>(context, r => api.Chat(r with { Model = Deployment(context) })));
        app.MapPost("/tokenize", context => HandleAsync<TokenizeRequest>(context, api.Tokenize));
        app.MapPost("/detokenize", context => HandleAsync<DetokenizeRequest>(context, api.Detokenize));
        app.MapGet("/v1/models", context => ResponseWriter.WriteJsonAsync(context, api.Models()));
        app.MapGet("/v1/models/{id}", context => Guarded(context, () => api.Model((string)context.Request.RouteValues["id"]!)));
        app.MapGet("/stats", context => ResponseWriter.WriteJsonAsync(context, api.Stats.Snapshot()));
        app.MapGet("/health", context =>
        {
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        app.MapFallback(context => ResponseWriter.WriteErrorAsync(context, new ApiException(404, $"No route {context.Request.Method} {context.Request.Path}.", "invalid_request_error", "not_found")));
    }

    private static string Deployment(HttpContext context) => (string)context.Request.RouteValues["deployment"]!;

    private static async Task HandleAsync<TRequest>(HttpContext context, Func<TRequest, object> handle)
        where TRequest : class
    {
        TRequest? request;
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (InvalidString(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } problem)
            {
                await ResponseWriter.WriteErrorAsync(context, ApiException.BadRequest($"The request body holds a string that is not text: {problem}"));
                return;
            }

            request = JsonSerializer.Deserialize<TRequest>(body.GetBuffer().AsSpan(0, (int)body.Length), WireJson.Options);
        }
        catch (JsonException e)
        {
            await ResponseWriter.WriteErrorAsync(context, ApiException.BadRequest($"The request body is not valid JSON for this endpoint: {e.Message}"));
            return;
        }
        catch (BadHttpRequestException e)
        {
            await ResponseWriter.WriteErrorAsync(context, ApiException.BadRequest($"Bad request: {e.Message}"));
            return;
        }

        if (request is null)
        {
            await ResponseWriter.WriteErrorAsync(context, ApiException.BadRequest("The request body must be a JSON object."));
            return;
        }

        await Guarded(context, () => handle(request));
    }

    /// <summary>
    /// Why a string of the body cannot be read as text (an escaped unpaired UTF-16 surrogate, which no tokenizer
    /// reads); null when every string can, or when the body is not JSON (the deserializer says so).
    /// </summary>
    private static string? InvalidString(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    try
                    {
                        reader.GetString();
                    }
                    catch (InvalidOperationException e)
                    {
                        return e.Message;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static async Task Guarded(HttpContext context, Func<object> handle)
    {
        object response;
        try
        {
            response = handle();
        }
        catch (ApiException e)
        {
            await ResponseWriter.WriteErrorAsync(context, e);
            return;
        }
        catch (ModelBusyException e)
        {
            // The model's queue is full: not run, so the client may retry (the suite's client retries 503 after Retry-After).
            context.Response.Headers.RetryAfter = BusyRetryAfterSeconds;
            await ResponseWriter.WriteErrorAsync(context, new ApiException(503, e.Message, "server_error", "model_busy"));
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not the client's fault: still an OpenAI-style body, and the message says what failed.
            await ResponseWriter.WriteErrorAsync(context, new ApiException(500, $"Internal error: {e.Message}", "server_error", "internal_error"));
            return;
        }

        await ResponseWriter.WriteJsonAsync(context, response);
    }
}
