namespace Superposition.Scoring.Backends;

/// <summary>
/// What one backend call cost: model calls made (HTTP attempts that got an answer, or forward calls in this
/// process), and the tokens of the successful one as the backend counted them.
/// </summary>
public sealed record BackendUsage(int Requests, long PromptTokens, long CachedTokens, long CompletionTokens)
{
    public static BackendUsage None { get; } = new(0, 0, 0, 0);
}
