namespace Superposition.ReferenceModel.Model;

/// <summary>
/// A point in the generation of a continuation: the tokens the model may emit next (<see cref="Next"/>, most
/// likely first) and the node each leads to.
/// </summary>
public sealed class TrieNode
{
    private readonly Dictionary<int, TrieNode> _children = [];
    private NextToken[] _next = [];

    /// <summary>Mass of the continuations through this node (before normalisation by the root's).</summary>
    internal double Mass { get; set; }

    /// <summary>Mass of the continuations that end exactly here.</summary>
    internal double EndMass { get; set; }

    /// <summary>The support of the next-token distribution, most likely first (ties: lower token id first).</summary>
    public IReadOnlyList<NextToken> Next => _next;

    /// <summary>True where the model can only end the text.</summary>
    public bool IsFinished => _children.Count == 0;

    /// <summary>The node after <paramref name="token"/>; false when the token has probability 0 here (or ends the text).</summary>
    public bool TryAdvance(int token, out TrieNode child) => _children.TryGetValue(token, out child!);

    /// <summary>The probability of <paramref name="token"/> as the next token (0 outside the support).</summary>
    public double ProbabilityOf(int token)
    {
        foreach (var n in _next)
        {
            if (n.Token == token)
            {
                return n.Probability;
            }
        }

        return 0;
    }

    /// <summary>1-based rank of the token in <see cref="Next"/>; <c>Next.Count + 1</c> outside the support.</summary>
    public int RankOf(int token)
    {
        for (var i = 0; i < _next.Length; i++)
        {
            if (_next[i].Token == token)
            {
                return i + 1;
            }
        }

        return _next.Length + 1;
    }

    internal TrieNode Child(int token)
    {
        if (!_children.TryGetValue(token, out var child))
        {
            _children[token] = child = new TrieNode();
        }

        return child;
    }

    internal void Link(int token, TrieNode child) => _children[token] = child;

    internal IEnumerable<KeyValuePair<int, TrieNode>> Children => _children;

    internal void SetNext(IEnumerable<NextToken> next) =>
        _next = [.. next.Where(n => n.Probability > 0).OrderByDescending(n => n.Probability).ThenBy(n => n.Token)];
}
