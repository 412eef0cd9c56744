using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Superposition.ModelServer.Http;

/// <summary>Writes JSON answers and OpenAI-style error bodies; cuts a body short when a malformed-body fault is set.</summary>
internal static class ResponseWriter
{
    public static async Task WriteJsonAsync(HttpContext context, object value, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (context.Items.ContainsKey(FaultMiddleware.MalformedItem))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), WireJson.Options);
            body = body[..(body.Length / 2)];
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            return;
        }

        // Straight into the response pipe (pooled segments): an echo answer of 100+ KiB as one array would land
        // on the large object heap on every request and drive gen-2 collections.
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { Encoder = WireJson.Options.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), WireJson.Options);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        context.Items.Remove(FaultMiddleware.MalformedItem);
        return WriteJsonAsync(context, new ErrorBody(new ErrorDetail(error.Message, error.Type, error.Param, error.Code)), error.Status);
    }
}
