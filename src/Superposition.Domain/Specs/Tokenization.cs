namespace Superposition.Specs;

/// <summary>How a prompt and a candidate answer are turned into tokens for scoring (docs/science.md, "Tokenisation").</summary>
public enum Tokenization
{
    /// <summary>
    /// The prompt's ids are its own, and the answer's are the ones a model generates after reading them: the
    /// answer's tokens in context (those of prompt + answer past the prompt's ids, where no token spans the
    /// boundary; else the answer's own tokens). On byte-level BPE these are the answer tokenised apart. Every
    /// strategy's default.
    /// </summary>
    Separate,

    /// <summary>
    /// The authors' way: prompt + answer tokenised as one string, the answer being the tokens after the prompt's own
    /// token count. Where the tokenizer merges across the boundary the scored tokens are not what the model
    /// generates. Offered by <c>paper-forward</c> only.
    /// </summary>
    Joint,
}
