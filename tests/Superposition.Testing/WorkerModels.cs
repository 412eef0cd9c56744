namespace Superposition.Testing;

/// <summary>
/// The two configured models the worker step's tests score with: <c>remote</c>, a vLLM-kind model served by a test's
/// reference server (which counts its requests), and <c>broken</c>, an address nothing answers, with no retries.
/// </summary>
public static class WorkerModels
{
    /// <summary>The settings of both, <c>remote</c> at the reference server whose root is <paramref name="server"/>.</summary>
    public static Dictionary<string, string?> Settings(Uri server) => new()
    {
        ["Superposition:Models:remote:Kind"] = "vllm",
        ["Superposition:Models:remote:BaseUrl"] = new Uri(server, "v1").AbsoluteUri,
        ["Superposition:Models:remote:Model"] = "reference-calibrated",
        ["Superposition:Models:broken:Kind"] = "vllm",
        ["Superposition:Models:broken:BaseUrl"] = "http://127.0.0.1:1/v1",
        ["Superposition:Models:broken:MaxRetryAttempts"] = "0",
        ["Superposition:Models:broken:RequestTimeoutSeconds"] = "2",
    };
}
