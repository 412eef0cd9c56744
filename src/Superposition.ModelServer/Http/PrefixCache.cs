namespace Superposition.ModelServer.Http;

/// <summary>
/// Emulates vLLM's automatic prefix cache so cost benchmarks can count what a GPU would prefill: prompts are cut
/// into blocks of <c>blockSize</c> tokens, each full block identified by the hash of every token up to its end;
/// a prompt's cached tokens are its leading blocks already seen, never the whole prompt (at least one token is
/// always computed). Least recently inserted blocks are evicted beyond the capacity. Thread-safe.
/// </summary>
internal sealed class PrefixCache(int blockSize, int capacityBlocks)
{
    private readonly Lock _lock = new();
    private readonly HashSet<ulong> _blocks = [];
    private readonly Queue<ulong> _order = new();

    /// <summary>Counts the cached prefix (when <paramref name="read"/>) and records the prompt's blocks.</summary>
    public int LookupAndInsert(IReadOnlyList<int> ids, bool read)
    {
        var full = ids.Count / blockSize;
        var hashes = new ulong[full];
        var h = 14695981039346656037UL;
        for (var b = 0; b < full; b++)
        {
            for (var k = b * blockSize; k < (b + 1) * blockSize; k++)
            {
                h = (h ^ (uint)ids[k]) * 1099511628211UL;
                h ^= h >> 29;
            }

            hashes[b] = h;
        }

        lock (_lock)
        {
            var hit = 0;
            while (read && hit < full && _blocks.Contains(hashes[hit]))
            {
                hit++;
            }

            foreach (var hash in hashes)
            {
                if (_blocks.Add(hash))
                {
                    _order.Enqueue(hash);
                    if (_order.Count > capacityBlocks)
                    {
                        _blocks.Remove(_order.Dequeue());
                    }
                }
            }

            var cached = hit * blockSize;
            return cached >= ids.Count ? cached - blockSize : cached;
        }
    }
}
