using BitFaster.Caching.Lru;
using Superposition.LanguageModels;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// The next-token distributions that generate a set of continuations exactly. Each continuation's tokens form a
/// path; a node's children get the mass of the continuations below them; where a continuation ends, "\n" follows
/// with probability 1 − δ and the end of text with δ; after "\n" only the end of text follows. So the product of
/// the token probabilities along a continuation and its "\n" is its designed probability times 1 − δ, and
/// along its tokens alone it is the mass of every continuation that starts with those tokens ("I" includes
/// "Icelandic" when that is tokenised I|celand|ic).
/// </summary>
public sealed class TokenTrie
{
    // Answers recur in every trie of a family (a trie is built for each example line a prompt holds): their
    // token ids are looked up, not encoded again. Read-only arrays.
    private static readonly FastConcurrentLru<string, int[]> Encodings = new(Environment.ProcessorCount, 16_384, StringComparer.Ordinal);

    private TokenTrie(TrieNode root, IReadOnlyList<Continuation> continuations)
    {
        Root = root;
        Continuations = continuations;
    }

    public TrieNode Root { get; }

    /// <summary>The continuations the trie generates, as designed.</summary>
    public IReadOnlyList<Continuation> Continuations { get; }

    /// <summary>A trie whose only move is the end of text (after a finished answer, or on an empty last line).</summary>
    public static TrieNode EndOfText(ReferenceTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var node = new TrieNode { Mass = 1 };
        node.SetNext([new NextToken(tokenizer.EndOfText, 1)]);
        return node;
    }

    public static TokenTrie Build(IReadOnlyList<Continuation> continuations, double delta, ReferenceTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(continuations);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var root = new TrieNode();
        foreach (var c in continuations)
        {
            if (c.Probability <= 0)
            {
                continue;
            }

            var node = root;
            node.Mass += c.Probability;
            foreach (var token in Encodings.GetOrAdd(c.Text, tokenizer.Encode))
            {
                node = node.Child(token);
                node.Mass += c.Probability;
            }

            node.EndMass += c.Probability;
        }

        var finished = EndOfText(tokenizer);
        Finish(root, delta, tokenizer, finished);
        return new TokenTrie(root, continuations);
    }

    private static void Finish(TrieNode root, double delta, ReferenceTokenizer tokenizer, TrieNode finished)
    {
        var stack = new Stack<TrieNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var next = new List<NextToken>(node.Children.Count + 2);
            foreach (var (token, child) in node.Children)
            {
                next.Add(new NextToken(token, child.Mass / node.Mass));
                stack.Push(child);
            }

            if (node.EndMass > 0)
            {
                var newline = node.EndMass * (1 - delta);
                if (newline > 0)
                {
                    node.Link(tokenizer.Newline, finished);
                    next.Add(new NextToken(tokenizer.Newline, newline / node.Mass));
                }

                next.Add(new NextToken(tokenizer.EndOfText, node.EndMass * delta / node.Mass));
            }

            node.SetNext(next);
        }
    }
}
