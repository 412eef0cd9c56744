using BitFaster.Caching;
using BitFaster.Caching.Lru;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// Token ids of texts tokenised by a server: one request per text however many callers ask at once, bounded LRU.
/// The shared request runs on the cache's own lifetime, not on the first caller's cancellation token: a caller who
/// gives up stops waiting, and the others still get the ids. A request that failed or was cancelled leaves the
/// cache, so the next caller asks again instead of inheriting the failure.
/// </summary>
internal sealed class TokenizeCache : IDisposable
{
    private readonly ICache<string, Task<int[]>> _tasks;
    private readonly CancellationTokenSource _lifetime = new();

    public TokenizeCache(int capacity)
    {
        _tasks = new ConcurrentLruBuilder<string, Task<int[]>>()
            .WithCapacity(capacity)
            .WithKeyComparer(StringComparer.Ordinal)
            .WithAtomicGetOrAdd()
            .Build();
    }

    /// <summary>Number of texts held (finished or in flight).</summary>
    public int Count => _tasks.Count;

    /// <summary>
    /// The ids of <paramref name="key"/>: the shared request if one is cached or in flight, else a new one from
    /// <paramref name="tokenize"/> (given the cache's lifetime token). <paramref name="cancellationToken"/> ends
    /// only this caller's wait.
    /// </summary>
    public Task<int[]> GetAsync(string key, Func<CancellationToken, Task<int[]>> tokenize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tokenize);
        while (true)
        {
            Task<int[]>? started = null;
            var task = _tasks.GetOrAdd(key, k => started = Start(k, tokenize));
            if (!(task.IsFaulted || task.IsCanceled))
            {
                return task.WaitAsync(cancellationToken);
            }

            // A finished failure is removed (only that entry) whether or not its own continuation has run yet. It is
            // the answer of the caller whose request it was; anyone else asks again.
            _tasks.TryRemove(new KeyValuePair<string, Task<int[]>>(key, task));
            if (ReferenceEquals(task, started))
            {
                return task;
            }
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private Task<int[]> Start(string key, Func<CancellationToken, Task<int[]>> tokenize)
    {
        var task = tokenize(_lifetime.Token);
        _ = task.ContinueWith(
            static (t, state) =>
            {
                var (cache, key) = ((TokenizeCache, string))state!;
                cache._tasks.TryRemove(new KeyValuePair<string, Task<int[]>>(key, t));
            },
            (this, key),
            CancellationToken.None,
            TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }
}
