using Superposition.Scores;
using Superposition.Scoring.Backends;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// The candidates' shared token trie, filled with the top-k lists the endpoint revealed at its nodes. A candidate
/// resolves to the sum of its tokens' logprobs (exact) once every node on its path is revealed and lists its
/// token; to an upper bound when a list does not contain its token (the token's probability is at most the k-th
/// listed, at most the mass the list leaves, and at most any listed alternative that cannot be told apart from
/// it); and to −∞ (exact) as soon as a token of probability 0 is listed. Thread-safe.
/// </summary>
internal sealed class CandidateTrie
{
    private readonly Lock _lock = new();
    private readonly CandidateToken[][] _tokens;

    public CandidateTrie(IReadOnlyList<int[]> sequences, Func<int, CandidateToken> tokenInfo)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(tokenInfo);
        Root = new Node(0, [], null);
        _tokens = new CandidateToken[sequences.Count][];
        for (var c = 0; c < sequences.Count; c++)
        {
            var sequence = sequences[c];
            _tokens[c] = [.. sequence.Select(tokenInfo)];
            var node = Root;
            Root.Leaves++;
            for (var d = 0; d < sequence.Length; d++)
            {
                node.MaxRemaining = Math.Max(node.MaxRemaining, sequence.Length - d);
                if (!node.Children.TryGetValue(sequence[d], out var child))
                {
                    child = new Node(d + 1, [.. sequence[..(d + 1)]], _tokens[c][d]);
                    node.Children.Add(sequence[d], child);
                    DistinctTokens++;
                }

                node = child;
                node.Leaves++;
            }
        }
    }

    public Node Root { get; }

    public int Count => _tokens.Length;

    /// <summary>Distinct (prefix, token) edges: the tokens a perfect scorer must process beyond the context.</summary>
    public int DistinctTokens { get; }

    /// <summary>Records the top-k list seen at <paramref name="node"/> (the first one seen is kept).</summary>
    public void Reveal(Node node, IReadOnlyList<TopToken> top, int k)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_lock)
        {
            if (node.Top is null)
            {
                node.Top = top;
                node.K = k;
            }
        }
    }

    /// <summary>
    /// Records the lists along a generated path that starts at <paramref name="start"/>: position j's list belongs to
    /// the node reached by the first j generated tokens, for as long as those tokens are edges of the trie.
    /// </summary>
    public void RevealPath(Node start, IReadOnlyList<TokenPosition> positions, int k)
    {
        ArgumentNullException.ThrowIfNull(positions);
        Node? node = start;
        foreach (var position in positions)
        {
            if (node is null)
            {
                return;
            }

            Reveal(node, position.Top, k);
            var generated = new TopToken(position.Token, position.Logprob ?? 0, position.Bytes, position.Id);
            node = node.Children.Values.FirstOrDefault(child => child.Token!.Matches(generated) == true);
        }
    }

    /// <summary>Where candidate <paramref name="candidate"/> stands: resolved, or the first node whose list is still needed.</summary>
    public Resolution Resolve(int candidate) => Resolve(candidate, _tokens[candidate].Length);

    /// <summary>
    /// Where the first <paramref name="length"/> tokens of candidate <paramref name="candidate"/> stand (its answer
    /// without the terminator, for the prefix-inclusive P): resolved, or the first node whose list is still needed.
    /// </summary>
    public Resolution Resolve(int candidate, int length)
    {
        var tokens = _tokens[candidate];
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)tokens.Length, nameof(length));
        var node = Root;
        var sum = 0.0;
        foreach (var token in tokens.AsSpan(0, length))
        {
            IReadOnlyList<TopToken>? top;
            int k;
            lock (_lock)
            {
                (top, k) = (node.Top, node.K);
            }

            if (top is null)
            {
                return new Resolution(node, sum, Exactness.Bound);
            }

            TopToken? match = null;
            var ambiguous = double.NegativeInfinity;
            foreach (var entry in top)
            {
                switch (token.Matches(entry))
                {
                    case true:
                        match = entry;
                        break;
                    case null:
                        ambiguous = Math.Max(ambiguous, ServedLogprobs.Normalize(entry.Logprob));
                        break;
                }

                if (match is not null)
                {
                    break;
                }
            }

            if (match is null)
            {
                return new Resolution(null, sum + Math.Max(MissingBound(top, k), ambiguous), Exactness.Bound);
            }

            sum += ServedLogprobs.Normalize(match.Logprob);
            if (double.IsNegativeInfinity(sum))
            {
                return new Resolution(null, sum, Exactness.Exact);
            }

            node = node.Children[token.Id];
        }

        return new Resolution(null, sum, Exactness.Exact);
    }

    /// <summary>
    /// Upper bound on the logprob of a token absent from a top-k list: the k-th largest listed (when k were listed)
    /// and the log of the mass the list leaves, whichever is smaller.
    /// </summary>
    public static double MissingBound(IReadOnlyList<TopToken> top, int k)
    {
        ArgumentNullException.ThrowIfNull(top);
        var values = top.Select(t => ServedLogprobs.Normalize(t.Logprob)).OrderDescending().ToList();
        var kth = k > 0 && values.Count >= k ? values[k - 1] : 0.0;
        var mass = values.Sum(Math.Exp);
        var rest = mass >= 1 ? double.NegativeInfinity : Math.Log(1 - mass);
        return Math.Min(kth, rest);
    }

    /// <summary>A trie node: the prefix of candidate tokens that leads to it, and the top-k list there once revealed.</summary>
    public sealed class Node(int depth, int[] prefix, CandidateToken? token)
    {
        public int Depth { get; } = depth;

        public int[] Prefix { get; } = prefix;

        /// <summary>The token of the edge into this node (null at the root).</summary>
        public CandidateToken? Token { get; } = token;

        public Dictionary<int, Node> Children { get; } = [];

        /// <summary>How many candidates pass through this node.</summary>
        public int Leaves { get; internal set; }

        /// <summary>Most tokens a candidate through this node still needs (0 at a leaf).</summary>
        public int MaxRemaining { get; internal set; }

        public IReadOnlyList<TopToken>? Top { get; internal set; }

        public int K { get; internal set; }
    }

    /// <summary>
    /// A candidate's standing: <see cref="Needed"/> is the node whose list is missing (then the value is the bound
    /// known so far: the logprob of the revealed prefix), else the final logprob and its exactness.
    /// </summary>
    public sealed record Resolution(Node? Needed, double LogProbability, Exactness Exactness);
}
