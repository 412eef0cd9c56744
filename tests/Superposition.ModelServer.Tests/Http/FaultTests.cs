using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Superposition.ModelServer.Hosting;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

public sealed class FaultTests
{
    private static readonly object Body = new { model = "reference-calibrated", prompt = "France->Paris\nItaly->", max_tokens = 4 };

    [Fact]
    public async Task Faults_are_off_by_default_and_every_request_is_counted()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 5; i++)
        {
            await Wire.OkAsync(client, "v1/completions", Body);
        }

        var stats = await StatsAsync(client);
        Assert.Equal(5, stats.Requests);
        Assert.Equal(5, stats.StatusCodes["200"]);
        Assert.Equal(0, stats.Faults.ServerErrors500 + stats.Faults.ServerErrors503 + stats.Faults.RateLimited + stats.Faults.Hangs + stats.Faults.Malformed);
    }

    [Fact]
    public async Task Fixed_latency_delays_every_answer_and_is_counted()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { LatencyMs = 150 } });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var watch = Stopwatch.StartNew();
        await Wire.OkAsync(client, "v1/completions", Body);
        Assert.True(watch.ElapsedMilliseconds >= 140, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(1, server.Stats.Snapshot().Faults.Delayed);
    }

    [Fact]
    public async Task Error_rate_one_answers_500_or_503_with_error_bodies_split_by_seeded_draws()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { ErrorRate = 1, Seed = 4 } });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var statuses = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var (status, json, _) = await Wire.PostAsync(client, "v1/completions", Body);
            Wire.AssertOpenAiError(json);
            statuses.Add(status);
        }

        Assert.All(statuses, s => Assert.Contains(s, new[] { 500, 503 }));
        var faults = server.Stats.Snapshot().Faults;
        Assert.Equal(statuses.Count(s => s == 500), faults.ServerErrors500);
        Assert.Equal(statuses.Count(s => s == 503), faults.ServerErrors503);
        Assert.True(faults.ServerErrors500 > 0 && faults.ServerErrors503 > 0);
    }

    [Fact]
    public async Task Rate_limit_fault_answers_429_with_retry_after()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { RateLimitRate = 1, RetryAfterSeconds = 2 } });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var (status, json, response) = await Wire.PostAsync(client, "v1/completions", Body);
        Assert.Equal(429, status);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Wire.AssertOpenAiError(json, "rate_limit_exceeded");
        Assert.Equal(1, server.Stats.Snapshot().Faults.RateLimited);
    }

    [Fact]
    public async Task Malformed_fault_sends_a_200_whose_body_is_not_json()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { MalformedRate = 1 } });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var response = await client.PostAsync("v1/completions", new StringContent(JsonSerializer.Serialize(Body), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));

        // The server counts the fault after the body is written, so the client may read it first.
        Assert.True(await Eventually(() => server.Stats.Snapshot().Faults.Malformed == 1));
    }

    [Fact]
    public async Task Hang_fault_never_answers_until_the_client_gives_up_and_is_counted()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { HangRate = 1 } });
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.PostAsync("v1/completions", new StringContent(JsonSerializer.Serialize(Body), System.Text.Encoding.UTF8, "application/json")));

        var released = await Eventually(() => server.Stats.Snapshot().Faults.HangsReleased == 1);
        Assert.True(released);
        var stats = server.Stats.Snapshot();
        Assert.Equal(1, stats.Faults.Hangs);
        Assert.Equal(stats.Requests, stats.StatusCodes.Values.Sum() + stats.Faults.Hangs + stats.InFlight);
    }

    [Fact]
    public async Task Concurrency_cap_answers_the_excess_429_and_nothing_is_lost()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { MaxConcurrentRequests = 1, LatencyMs = 300 } });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Wire.PostAsync(client, "v1/completions", Body)));

        var statuses = results.Select(r => r.Status).ToArray();
        Assert.Contains(200, statuses);
        Assert.Contains(429, statuses);
        Assert.All(results.Where(r => r.Status == 429), r => Assert.NotNull(r.Response.Headers.RetryAfter));
        var stats = server.Stats.Snapshot();
        Assert.Equal(statuses.Count(s => s == 429), stats.Faults.ConcurrencyRejected);
        Assert.Equal(4, stats.Requests);
        Assert.Equal(4, stats.StatusCodes.Values.Sum());
    }

    [Fact]
    public async Task Request_headers_turn_faults_on_for_one_request_and_stats_are_served()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions") { Content = new StringContent(JsonSerializer.Serialize(Body), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(FaultOptions.Headers.ErrorRate, "1");
        var faulted = await client.SendAsync(request);
        var normal = await Wire.PostAsync(client, "v1/completions", Body);

        Assert.Contains((int)faulted.StatusCode, new[] { 500, 503 });
        Assert.Equal(200, normal.Status);
        var stats = await StatsAsync(client);
        Assert.Equal(2, stats.Requests);
        Assert.Equal(1, stats.Faults.ServerErrors500 + stats.Faults.ServerErrors503);
    }

    [Fact]
    public async Task Bad_fault_header_is_a_400_naming_the_header()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions") { Content = new StringContent(JsonSerializer.Serialize(Body), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(FaultOptions.Headers.HangRate, "2");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(FaultOptions.Headers.HangRate, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<Superposition.ModelServer.Http.ServerStatsSnapshot> StatsAsync(HttpClient client) =>
        JsonSerializer.Deserialize<Superposition.ModelServer.Http.ServerStatsSnapshot>(await client.GetStringAsync("stats"), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
