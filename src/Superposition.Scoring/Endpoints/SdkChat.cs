// The Patch API (experimental) is the SDK's documented way to send fields it does not model (n, seed, max_tokens).
#pragma warning disable SCME0001
using OpenAI.Chat;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Endpoints;

/// <summary>Builds the official SDK's chat request from a <see cref="ChatCall"/>; fields the SDK lacks go through its Patch API.</summary>
internal static class SdkChat
{
    public static List<ChatMessage> Messages(ChatCall call) =>
    [
        .. call.Messages.Select<ChatMessageInput, ChatMessage>(m => m.Role switch
        {
            "system" => new SystemChatMessage(m.Content),
            "assistant" => new AssistantChatMessage(m.Content),
            _ => new UserChatMessage(m.Content),
        }),
    ];

    public static ChatCompletionOptions Options(ChatCall call, ModelKind kind)
    {
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = call.MaxTokens,
            Temperature = (float)call.Temperature,
        };
        if (call.TopLogprobs is { } k)
        {
            options.IncludeLogProbabilities = true;
            options.TopLogProbabilityCount = k;
        }

        foreach (var stop in call.Stop ?? [])
        {
            options.StopSequences.Add(stop);
        }

        // The SDK models neither n nor (for older OpenAI-compatible servers) max_tokens; the choices are read from the raw body.
        if (call.N != 1)
        {
            options.Patch.Set("$.n"u8, call.N);
        }

        if (call.Seed is { } seed)
        {
            options.Patch.Set("$.seed"u8, seed);
        }

        if (kind is ModelKind.Ollama or ModelKind.LlamaCpp or ModelKind.OpenAICompatible or ModelKind.Suite)
        {
            options.Patch.Set("$.max_tokens"u8, call.MaxTokens);
        }

        return options;
    }
}
