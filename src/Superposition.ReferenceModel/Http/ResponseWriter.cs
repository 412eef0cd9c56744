using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Superposition.ReferenceModel.Http;

/// <summary>Writes JSON answers and OpenAI-style error bodies; cuts a body short when a malformed-body fault is set.</summary>
internal static class ResponseWriter
{
    public static async Task WriteJsonAsync(HttpContext context, object value, int status = 200)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ReferenceJson.Options);
        if (context.Items.ContainsKey(FaultMiddleware.MalformedItem))
        {
            body = body[..(body.Length / 2)];
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        context.Items.Remove(FaultMiddleware.MalformedItem);
        return WriteJsonAsync(context, new ErrorBody(new ErrorDetail(error.Message, error.Type, error.Param, error.Code)), error.Status);
    }
}
