namespace Superposition.ModelServer.Http;

/// <summary>An error answered with an OpenAI-style body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal sealed class ApiException(int status, string message, string type = "invalid_request_error", string? code = null, string? param = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string? Code { get; } = code;

    public string? Param { get; } = param;

    public static ApiException BadRequest(string message, string? param = null) => new(400, message, "invalid_request_error", "invalid_value", param);
}
