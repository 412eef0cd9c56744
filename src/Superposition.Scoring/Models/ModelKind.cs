namespace Superposition.Scoring.Models;

/// <summary>The kind of server behind a model: decides the protocol, what it can score exactly, and its limits.</summary>
public enum ModelKind
{
    /// <summary>
    /// A model of a registered <see cref="IModelProvider"/> (the reference models, docs/reference-models.md) behind
    /// the suite's protocol server, in-process or at a configured address; the provider is named by
    /// <see cref="ModelDescriptor.Provider"/>, so a new provider adds no kind. Its protocol is vLLM's.
    /// </summary>
    Suite,

    /// <summary>vLLM's OpenAI-compatible server: echo, prompt_logprobs, /tokenize, token-id prompts and logprob keys.</summary>
    Vllm,

    /// <summary>api.openai.com: chat with top_logprobs; legacy completions for the models that still have them.</summary>
    OpenAI,

    /// <summary>Azure OpenAI deployments: chat with top_logprobs, API key or Entra ID.</summary>
    AzureOpenAI,

    /// <summary>llama.cpp's llama-server: no echo; completions and chat with top-k logprobs; /tokenize.</summary>
    LlamaCpp,

    /// <summary>Ollama (0.12.11 or later): chat with top_logprobs only.</summary>
    Ollama,

    /// <summary>Any other server speaking the OpenAI protocol; echo and completions are probed, not assumed.</summary>
    OpenAICompatible,
}
