namespace Superposition.Scoring.Models;

/// <summary>Where candidate and context token ids come from.</summary>
public enum TokenizerKind
{
    /// <summary>No tokeniser: strategies that need token ids are unavailable.</summary>
    None,

    /// <summary>The server's own POST /tokenize (vLLM and the reference server; llama.cpp's shape too).</summary>
    Server,

    /// <summary>OpenAI's o200k_base, locally (gpt-4o, gpt-4.1, o-series).</summary>
    O200kBase,

    /// <summary>OpenAI's cl100k_base, locally (gpt-3.5-turbo, gpt-4, davinci-002).</summary>
    Cl100kBase,
}
