using Superposition.LanguageModels;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// A point in the generation of a continuation: the tokens the model may emit next (<see cref="Next"/>, most
/// likely first) and the node each leads to. It is both the sparse next-token distribution and the generation
/// state the protocol server continues from (advancing allocates nothing).
/// </summary>
public sealed class TrieNode : INextTokenDistribution, IGenerationState
{
    // Few children per node (a handful at the root, mostly one below): a list searched linearly is smaller and
    // faster than a dictionary, and a leaf allocates none (tries are built for every example line of a prompt).
    private List<KeyValuePair<int, TrieNode>>? _children;
    private NextToken[] _next = [];

    /// <summary>Mass of the continuations through this node (before normalisation by the root's).</summary>
    internal double Mass { get; set; }

    /// <summary>Mass of the continuations that end exactly here.</summary>
    internal double EndMass { get; set; }

    /// <summary>The support of the next-token distribution, most likely first (ties: lower token id first).</summary>
    public IReadOnlyList<NextToken> Next => _next;

    /// <summary>The support, most likely first: the order sampling walks.</summary>
    public ReadOnlySpan<NextToken> Support => _next;

    INextTokenDistribution IGenerationState.Distribution => this;

    /// <summary>True where the model can only end the text.</summary>
    public bool IsFinished => _children is null || _children.Count == 0;

    /// <summary>The node after <paramref name="token"/>; false when the token has probability 0 here (or ends the text).</summary>
    public bool TryAdvance(int token, out TrieNode child)
    {
        if (_children is not null)
        {
            foreach (var (t, node) in _children)
            {
                if (t == token)
                {
                    child = node;
                    return true;
                }
            }
        }

        child = null!;
        return false;
    }

    bool IGenerationState.TryAdvance(int token, out IGenerationState next)
    {
        var advanced = TryAdvance(token, out var child);
        next = child;
        return advanced;
    }

    /// <summary>The most likely tokens: the support's head, since it is kept sorted.</summary>
    public int Top(Span<NextToken> destination)
    {
        var count = Math.Min(destination.Length, _next.Length);
        _next.AsSpan(0, count).CopyTo(destination);
        return count;
    }

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
        if (!TryAdvance(token, out var child))
        {
            child = new TrieNode();
            Link(token, child);
        }

        return child;
    }

    internal void Link(int token, TrieNode child)
    {
        _children ??= new(1);
        for (var i = 0; i < _children.Count; i++)
        {
            if (_children[i].Key == token)
            {
                _children[i] = new(token, child);
                return;
            }
        }

        _children.Add(new(token, child));
    }

    internal IReadOnlyList<KeyValuePair<int, TrieNode>> Children => (IReadOnlyList<KeyValuePair<int, TrieNode>>?)_children ?? [];

    /// <summary>Sets the support, dropping zero probabilities: most likely first, ties by lower token id.</summary>
    internal void SetNext(List<NextToken> next)
    {
        next.RemoveAll(static n => !(n.Probability > 0));
        next.Sort(static (a, b) => a.Probability != b.Probability ? b.Probability.CompareTo(a.Probability) : a.Token.CompareTo(b.Token));
        _next = [.. next];
    }
}
