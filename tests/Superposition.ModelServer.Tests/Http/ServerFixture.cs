using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Superposition.ModelServer.Hosting;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

/// <summary>A real reference server on an ephemeral loopback port, shared by a test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ProtocolServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions());
        Client = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

internal static class Wire
{
    public static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string path, object body)
    {
        HttpContent content = body is string raw
            ? new StringContent(raw, Encoding.UTF8, "application/json")
            : JsonContent.Create(body);
        var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null, response);
    }

    public static async Task<JsonNode> OkAsync(HttpClient client, string path, object body)
    {
        var (status, json, _) = await PostAsync(client, path, body);
        Assert.True(status == 200, $"{path} answered {status}: {json?.ToJsonString()}");
        return json!;
    }

    public static async Task<int> CountTokensAsync(HttpClient client, string text) =>
        (await OkAsync(client, "tokenize", new { model = "reference-calibrated", prompt = text }))["count"]!.GetValue<int>();

    public static double[] Doubles(JsonNode? array) => [.. array!.AsArray().Select(n => n?.GetValue<double>() ?? double.NaN)];

    public static void AssertOpenAiError(JsonNode? body, string? code = null)
    {
        var error = body?["error"];
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error["message"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(error["type"]?.GetValue<string>()));
        Assert.True(error.AsObject().ContainsKey("code"));
        if (code is not null)
        {
            Assert.Equal(code, error["code"]!.GetValue<string>());
        }
    }
}
