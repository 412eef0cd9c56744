namespace Superposition.OnnxModel.Inference;

/// <summary>
/// The cross-request prefix cache of a model whose graph has a key/value cache: sequences already run (ids, keys
/// and values, next-token logprobs, the last position's logits: <see cref="ScoredPrefix"/>), so that a request sharing a prefix with one of them runs only its new
/// tokens (a trie walk sends the context plus a longer prefix per node). Bounded by a byte budget, least recently
/// used evicted first; a budget of 0 keeps nothing. A hit is decided by comparing the ids themselves, never a hash,
/// so another sequence's cache is never returned. Thread-safe.
/// </summary>
internal sealed class KeyValuePrefixCache(long budgetBytes)
{
    private readonly Lock _lock = new();

    // Most recently used first.
    private readonly LinkedList<ScoredPrefix> _entries = new();
    private long _bytes;

    /// <summary>Sequences held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Bytes held (never above the budget).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Whether a sequence of that size could be kept (so callers skip building one that could not).</summary>
    public bool Fits(long bytes) => bytes <= budgetBytes;

    /// <summary>The budget this cache was made with.</summary>
    public long BudgetBytes => budgetBytes;

    /// <summary>
    /// The entry sharing the longest prefix with <paramref name="ids"/>, and how many ids it shares (at most
    /// <paramref name="limit"/>); null when none shares a first token.
    /// </summary>
    public (ScoredPrefix Entry, int Length)? Longest(IReadOnlyList<int> ids, int limit)
    {
        if (budgetBytes == 0 || limit <= 0)
        {
            return null;
        }

        lock (_lock)
        {
            LinkedListNode<ScoredPrefix>? best = null;
            var bestLength = 0;
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                var common = node.Value.CommonLength(ids, limit);
                if (common > bestLength)
                {
                    (best, bestLength) = (node, common);
                }
            }

            if (best is null)
            {
                return null;
            }

            _entries.Remove(best);
            _entries.AddFirst(best);
            return (best.Value, bestLength);
        }
    }

    /// <summary>
    /// Keeps a run sequence (unless one held already extends it); drops held sequences it extends, since it
    /// answers every lookup they answer; evicts the least recently used beyond the budget.
    /// </summary>
    public void Add(ScoredPrefix prefix)
    {
        if (prefix.Length == 0 || prefix.Bytes > budgetBytes)
        {
            return;
        }

        var ids = prefix.Tokens;
        lock (_lock)
        {
            for (var node = _entries.First; node is not null;)
            {
                var next = node.Next;
                var held = node.Value;
                var common = held.CommonLength(ids, int.MaxValue);
                if (common == prefix.Length)
                {
                    // Held already (as itself or inside a longer sequence): only its recency changes.
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return;
                }

                if (common == held.Length)
                {
                    _entries.Remove(node);
                    _bytes -= held.Bytes;
                }

                node = next;
            }

            _entries.AddFirst(prefix);
            _bytes += prefix.Bytes;
            while (_bytes > budgetBytes && _entries.Last is { } last)
            {
                _entries.RemoveLast();
                _bytes -= last.Value.Bytes;
            }
        }
    }
}
