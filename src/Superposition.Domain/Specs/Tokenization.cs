namespace Superposition.Specs;

/// <summary>How a prompt and a candidate answer are turned into tokens for scoring (docs/science.md, "Tokenisation").</summary>
public enum Tokenization
{
    /// <summary>
    /// The prompt and the answer are tokenised apart and the ids concatenated: the answer's tokens are the ones a
    /// model generates after reading the prompt's tokens. Every strategy's default.
    /// </summary>
    Separate,

    /// <summary>
    /// The authors' way: prompt + answer tokenised as one string, the answer being the tokens after the prompt's own
    /// token count. Where the tokenizer merges across the boundary the scored tokens are not what the model
    /// generates. Offered by <c>paper-forward</c> only.
    /// </summary>
    Joint,
}
