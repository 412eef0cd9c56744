using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Superposition.ModelServer.Hosting;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

/// <summary>A fault script gives the first requests known faults in order; a required key answers 401 without it.</summary>
public sealed class ScriptedFaultTests
{
    private const string Body = """{"model": "reference-calibrated", "prompt": "France->Paris\nItaly->", "max_tokens": 4}""";

    [Fact]
    public async Task A_script_answers_the_first_requests_429_then_500_then_503_then_a_cut_body_then_normally()
    {
        var faults = new FaultOptions { GenerationOnly = true, Script = [ScriptedFault.RateLimited, ScriptedFault.ServerError500, ScriptedFault.None, ScriptedFault.ServerError503, ScriptedFault.Malformed] };
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = faults });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        // A tokenize request between them takes no turn: the script covers generation only, as configured.
        var answers = new List<(int Status, string Body)>();
        for (var i = 0; i < 7; i++)
        {
            if (i == 1)
            {
                using var tokenize = await client.PostAsync("tokenize", Json("""{"model": "reference-calibrated", "prompt": "Italy->"}"""));
                Assert.Equal(HttpStatusCode.OK, tokenize.StatusCode);
            }

            using var response = await client.PostAsync("v1/completions", Json(Body));
            answers.Add(((int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal([429, 500, 200, 503, 200, 200, 200], answers.Select(a => a.Status));
        Assert.False(Valid(answers[4].Body), "the scripted malformed answer is cut short");
        Assert.All(new[] { answers[2], answers[5], answers[6] }, a => Assert.True(Valid(a.Body)));
        var stats = server.Stats.Snapshot().Faults;
        Assert.Equal((1, 1, 1, 1), (stats.RateLimited, stats.ServerErrors500, stats.ServerErrors503, stats.Malformed));
    }

    [Fact]
    public async Task A_required_key_answers_401_without_it_and_serves_with_it_never_repeating_what_was_sent()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { ApiKey = "sk-server-key" });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var none = await client.PostAsync("v1/completions", Json(Body));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "v1/completions") { Content = Json(Body) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-wrong-key");
        using var refused = await client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Post, "v1/completions") { Content = Json(Body) };
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-server-key");
        using var served = await client.SendAsync(right);
        using var health = await client.GetAsync("health");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var error = await refused.Content.ReadAsStringAsync();
        Assert.Contains("invalid_api_key", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static bool Valid(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
