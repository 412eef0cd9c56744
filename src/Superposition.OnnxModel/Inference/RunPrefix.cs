namespace Superposition.OnnxModel.Inference;

/// <summary>
/// What a request's rows run after: the first <see cref="Length"/> tokens' key/value cache, the distribution after
/// each of them (from a run of this request, or kept by the prefix cache) and the runs that computed them.
/// </summary>
internal sealed class RunPrefix(KeyValues keyValues, IPositionDistribution[] after, PrefixSegment[] segments)
{
    public KeyValues KeyValues { get; } = keyValues;

    /// <summary>The distribution after each token.</summary>
    public IPositionDistribution[] After { get; } = after;

    public PrefixSegment[] Segments { get; } = segments;

    public int Length => After.Length;

    /// <summary>Nothing run yet: the empty past of a first run.</summary>
    public static RunPrefix Empty(DecoderGraph graph) => new(KeyValues.Empty(graph), [], []);

    /// <summary>This prefix followed by <paramref name="segment"/>, run as row <paramref name="row"/> of <paramref name="run"/>.</summary>
    public RunPrefix Extend(KeyValues keyValues, PrefixSegment segment, CachedRun run, int row)
    {
        var after = new IPositionDistribution[Length + segment.Ids.Length];
        After.CopyTo(after, 0);
        for (var t = 0; t < segment.Ids.Length; t++)
        {
            after[Length + t] = new SoftmaxDistribution(run.LogitsAt(row, t));
        }

        return new RunPrefix(keyValues, after, [.. Segments, segment]);
    }
}

/// <summary>A next-token distribution that gives ln p directly (exact from the logits, or kept).</summary>
internal interface IPositionDistribution : Superposition.LanguageModels.INextTokenDistribution
{
    double LogProbabilityOf(int token);

    /// <summary>The position's logits (recomputed where they were not kept).</summary>
    ReadOnlyMemory<float> Row { get; }
}
