using Superposition.ModelServer.Hosting;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Tests.Endpoints;

/// <summary>
/// The tokenize cache shares one request per text among concurrent callers, without tying it to the first caller's
/// cancellation, and never keeps a failure for later callers.
/// </summary>
public sealed class TokenizeCacheTests
{
    [Fact]
    public async Task A_caller_who_gives_up_stops_waiting_while_the_shared_request_completes_for_the_others()
    {
        using var cache = new TokenizeCache(16);
        var answer = new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;
        CancellationToken requestToken = default;
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync("Italy->", token => { requests++; requestToken = token; return answer.Task; }, impatient.Token);
        var second = cache.GetAsync("Italy->", _ => { requests++; return Task.FromResult<int[]>([0]); }, CancellationToken.None);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(requestToken.IsCancellationRequested, "the shared request must not run on the first caller's token");
        Assert.False(second.IsCompleted);
        answer.SetResult([7, 8]);
        Assert.Equal(new[] { 7, 8 }, await second);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task A_request_that_failed_leaves_the_cache_so_the_next_caller_asks_again()
    {
        using var cache = new TokenizeCache(16);
        var failing = new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;

        var first = cache.GetAsync("Spain->", _ => { requests++; return failing.Task; }, CancellationToken.None);
        failing.SetException(new EndpointException("m", "server error until retries ran out"));
        await Assert.ThrowsAsync<EndpointException>(() => first);
        var again = await cache.GetAsync("Spain->", _ => { requests++; return Task.FromResult<int[]>([3]); }, CancellationToken.None);

        Assert.Equal(new[] { 3 }, again);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_request_that_was_cancelled_leaves_the_cache_so_the_next_caller_asks_again()
    {
        using var cache = new TokenizeCache(16);
        var cancelled = new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;

        var first = cache.GetAsync("Poland->", _ => { requests++; return cancelled.Task; }, CancellationToken.None);
        cancelled.SetCanceled();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var again = await cache.GetAsync("Poland->", _ => { requests++; return Task.FromResult<int[]>([5]); }, CancellationToken.None);

        Assert.Equal(new[] { 5 }, again);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_request_that_failed_at_once_is_not_kept_either()
    {
        using var cache = new TokenizeCache(16);

        await Assert.ThrowsAsync<EndpointException>(() => cache.GetAsync("France->", _ => Task.FromException<int[]>(new EndpointException("m", "refused")), CancellationToken.None));

        Assert.Equal(0, cache.Count);
        Assert.Equal(new[] { 1 }, await cache.GetAsync("France->", _ => Task.FromResult<int[]>([1]), CancellationToken.None));
    }

    [Fact]
    public async Task Over_real_http_a_cancelled_caller_does_not_cancel_the_request_another_caller_shares()
    {
        // Latency keeps the request in flight while the first caller gives up; the outcome does not depend on it.
        await using var host = await ScorerHost.StartAsync(new ProtocolServerOptions { Faults = new FaultOptions { LatencyMs = 200 } });
        var endpoint = host.Get<BackendFactory>().Get(host.Get<ModelCatalog>().Resolve("reference-calibrated"));
        using var impatient = new CancellationTokenSource();

        var first = endpoint.EncodeAsync("Italy->Rome\nSpain->", addSpecialTokens: true, impatient.Token);
        var second = endpoint.EncodeAsync("Italy->Rome\nSpain->", addSpecialTokens: true, CancellationToken.None);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var ids = await second;
        Assert.NotEmpty(ids);
        Assert.Equal(ids, await endpoint.EncodeAsync("Italy->Rome\nSpain->", addSpecialTokens: true, CancellationToken.None));
        Assert.Equal(1, host.Server.Stats.Snapshot().Endpoints["/tokenize"]);
    }
}
