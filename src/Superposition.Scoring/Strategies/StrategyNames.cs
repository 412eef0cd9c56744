namespace Superposition.Scoring.Strategies;

/// <summary>Strategy names, as written on the command line, in specs and in results.</summary>
public static class StrategyNames
{
    /// <summary>The cheapest exact strategy the endpoint supports, detected once per model.</summary>
    public const string Auto = "auto";

    /// <summary>Teacher forcing: all candidates of a prompt in one completions request with echo and logprobs.</summary>
    public const string Echo = "echo";

    /// <summary>Walk the candidates' token trie with max_tokens 1 and top-k logprobs (prefix-cache friendly).</summary>
    public const string Trie = "trie";

    /// <summary>Chat completions: vLLM's prefill with prompt_logprobs, else top_logprobs along sampled replies.</summary>
    public const string Chat = "chat";

    /// <summary>n samples at temperature 1, classified into tasks or other, with Wilson intervals.</summary>
    public const string Sample = "sample";

    /// <summary>The authors' local-model procedure: one echo request per candidate, no terminator (separate or joint tokenisation).</summary>
    public const string PaperForward = "paper-forward";

    /// <summary>The authors' gpt-3.5-turbo-instruct procedure: their thresholded top-10 beam over whole-prompt requests, 0 for answers never reached.</summary>
    public const string PaperBeam = "paper-beam";

    /// <summary>A text beam that extends every proper prefix of an answer, with bounds for answers never reached.</summary>
    public const string Beam = "beam";

    /// <summary>Every name, auto first.</summary>
    public static IReadOnlyList<string> All { get; } = [Auto, Echo, Trie, Chat, Sample, PaperForward, PaperBeam, Beam];

    /// <summary>The concrete strategies (all but auto).</summary>
    public static IReadOnlyList<string> Concrete { get; } = [Echo, Trie, Chat, Sample, PaperForward, PaperBeam, Beam];
}
