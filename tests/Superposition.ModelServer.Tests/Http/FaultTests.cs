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
    public async Task Fixed_latency_holds_the_answer_until_the_servers_clock_passes_it_and_is_counted()
    {
        var time = new RecordingTimeProvider();
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { LatencyMs = 150 }, TimeProvider = time });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var answer = Wire.OkAsync(client, "v1/completions", Body);
        await Poll.UntilAsync(() => time.Waits.Count == 1, "the server to start the injected latency");

        Assert.Equal(TimeSpan.FromMilliseconds(150), time.Waits[0]);
        Assert.Equal(1, server.Stats.Snapshot().Faults.Delayed);
        time.Advance(TimeSpan.FromMilliseconds(149));
        Assert.False(answer.IsCompleted, "answered before the latency had passed");
        Assert.Empty(server.Stats.Snapshot().StatusCodes);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Poll.FinishAsync(answer, "the delayed answer once the latency passed");
        Assert.Equal(1, server.Stats.Snapshot().StatusCodes["200"]);
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
        await Poll.UntilAsync(() => server.Stats.Snapshot().Faults.Malformed == 1, "the server to count the malformed answer");
    }

    [Fact]
    public async Task Hang_fault_never_answers_until_the_client_gives_up_and_is_counted()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { HangRate = 1 } });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var giveUp = new CancellationTokenSource();

        var request = client.PostAsync("v1/completions", new StringContent(JsonSerializer.Serialize(Body), System.Text.Encoding.UTF8, "application/json"), giveUp.Token);
        await Poll.UntilAsync(() => server.Stats.Snapshot().Faults.Hangs == 1, "the server to hold the request");
        Assert.False(request.IsCompleted, "a hung request was answered");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => request);

        // The server counts the release, then ends the request: wait for both, so the counters are settled.
        await Poll.UntilAsync(() => server.Stats.Snapshot() is { Faults.HangsReleased: 1, InFlight: 0 }, "the server to release and end the abandoned hang");
        var stats = server.Stats.Snapshot();
        Assert.Equal(1, stats.Faults.Hangs);
        Assert.Equal(stats.Requests, stats.StatusCodes.Values.Sum() + stats.Faults.Hangs + stats.InFlight);
    }

    [Fact]
    public async Task Concurrency_cap_answers_the_excess_429_while_the_admitted_request_is_held_and_nothing_is_lost()
    {
        // The admitted request waits on the fake clock, so it holds its slot until the test advances it: the other
        // three arrive while it is held, however slowly a loaded machine sends them.
        var time = new RecordingTimeProvider();
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { MaxConcurrentRequests = 1, LatencyMs = 300 }, TimeProvider = time });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var requests = Enumerable.Range(0, 4).Select(_ => Wire.PostAsync(client, "v1/completions", Body)).ToList();
        await Poll.UntilAsync(() => server.Stats.Snapshot().Faults.ConcurrencyRejected == 3 && time.Waits.Count == 1, "three requests over the cap to be rejected while one is held");
        time.Advance(TimeSpan.FromMilliseconds(300));
        var results = await Poll.FinishAsync(Task.WhenAll(requests), "all four answers");

        var statuses = results.Select(r => r.Status).ToArray();
        Assert.Equal([200, 429, 429, 429], statuses.Order());
        Assert.All(results.Where(r => r.Status == 429), r => Assert.NotNull(r.Response.Headers.RetryAfter));
        var stats = server.Stats.Snapshot();
        Assert.Equal(3, stats.Faults.ConcurrencyRejected);
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
}
