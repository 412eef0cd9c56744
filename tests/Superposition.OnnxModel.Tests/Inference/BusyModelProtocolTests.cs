using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Superposition.LanguageModels;
using Superposition.ModelServer.Hosting;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>The protocol server over gpt2-tiny-kv on real loopback HTTP, with the model's queue held full by the test.</summary>
public sealed class BusyModelProtocolTests
{
    [Fact]
    public async Task A_busy_model_answers_503_with_Retry_After_and_the_same_request_succeeds_once_it_is_free()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached), new OnnxModelOptions(MaxConcurrentRuns: 1, MaxQueuedRuns: 0));
        await using var server = await ProtocolServer.StartAsync(new OneModelCatalog(model));
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var request = new { model = model.Name, prompt = "France -> Paris\nItaly ->", echo = true, logprobs = 1, max_tokens = 0 };

        using (model.Gate.Enter())
        {
            using var busy = await client.PostAsJsonAsync("v1/completions", request);
            var body = JsonNode.Parse(await busy.Content.ReadAsStringAsync())!;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
            Assert.Equal("model_busy", body["error"]!["code"]!.GetValue<string>());
            Assert.Contains($"Model '{model.Name}' is busy", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("MaxQueuedRuns = 0", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using var free = await client.PostAsJsonAsync("v1/completions", request);
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }
}
