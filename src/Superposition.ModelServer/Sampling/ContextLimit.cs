namespace Superposition.ModelServer.Sampling;

/// <summary>
/// vLLM's max_model_len check: a prompt and its completion must fit the model's context. Shared by the protocol
/// server (a 400) and the in-process backend, so that both refuse the same requests with the same message.
/// </summary>
public static class ContextLimit
{
    /// <summary>Why <paramref name="promptTokens"/> + <paramref name="maxTokens"/> do not fit <paramref name="maxModelLength"/>, or null when they do.</summary>
    public static string? Problem(int maxModelLength, int promptTokens, int maxTokens) =>
        promptTokens + maxTokens > maxModelLength
            ? $"This model's maximum context length is {maxModelLength} tokens. However, you requested {promptTokens + maxTokens} tokens ({promptTokens} in the messages, {maxTokens} in the completion). Please reduce the length of the messages or completion."
            : null;
}
