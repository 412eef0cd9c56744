namespace Superposition.LanguageModels;

/// <summary>
/// A language model the suite's protocol server can serve: teacher-forced scoring of a batch of token sequences
/// (every position's log-probability and next-token distribution, and the state after the last token), and
/// generation one token at a time from such a state. Thread-safe: the server scores requests concurrently.
/// </summary>
public interface ILanguageModel
{
    /// <summary>The name clients send.</summary>
    string Name { get; }

    /// <summary>The model's tokenizer.</summary>
    ITokenizer Tokenizer { get; }

    /// <summary>Longest sequence, prompt plus completion, the model reads; <see cref="int.MaxValue"/> when it has no limit of its own.</summary>
    int ContextLength { get; }

    /// <summary>
    /// How the model reads a chat: its own template, the suite's <see cref="JoinedChatTemplate"/> (the default, which
    /// the reference models use), or null for a model that has none, whose server answers chat requests with a 400
    /// (as vLLM does for a model without a chat template) while completions still work.
    /// </summary>
    IChatTemplate? ChatTemplate => JoinedChatTemplate.Instance;

    /// <summary>
    /// Scores every sequence of a batch (one request's prompts), one result per sequence in order. A neural
    /// model runs them as one padded batch with attention masks.
    /// </summary>
    IReadOnlyList<ScoredSequence> Score(IReadOnlyList<IReadOnlyList<int>> sequences);
}
