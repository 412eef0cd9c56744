using System.Text.Json;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// Writes the request bodies the suite sends (legacy completions, chat, /tokenize of a text or of chat messages):
/// the counterpart of <see cref="WireParser"/>. Fields only servers with vLLM's extras read are written only to them.
/// </summary>
internal static class WireWriter
{
    public static byte[] Completion(ModelDescriptor model, CompletionCall call) => Json(w =>
    {
        w.WriteString("model", model.RemoteModel);
        w.WritePropertyName("prompt");
        w.WriteStartArray();
        foreach (var p in call.Prompts)
        {
            if (p.Ids is { } ids)
            {
                w.WriteStartArray();
                foreach (var id in ids)
                {
                    w.WriteNumberValue(id);
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteStringValue(p.Text);
            }
        }

        w.WriteEndArray();
        w.WriteNumber("max_tokens", call.MaxTokens);
        w.WriteNumber("temperature", call.Temperature);
        if (call.N != 1)
        {
            w.WriteNumber("n", call.N);
        }

        if (call.Logprobs is { } k)
        {
            w.WriteNumber("logprobs", k);
        }

        if (call.Echo)
        {
            w.WriteBoolean("echo", true);
        }

        WriteCommon(w, model, call.Stop, call.Seed, call.TokenIdsInLogprobs);
    });

    public static byte[] Chat(ModelDescriptor model, ChatCall call) => Json(w =>
    {
        w.WriteString("model", model.RemoteModel);
        WriteMessages(w, call.Messages);
        w.WriteNumber("max_tokens", call.MaxTokens);
        w.WriteNumber("temperature", call.Temperature);
        if (call.N != 1)
        {
            w.WriteNumber("n", call.N);
        }

        if (call.TopLogprobs is { } k)
        {
            w.WriteBoolean("logprobs", true);
            w.WriteNumber("top_logprobs", k);
        }

        if (call.PromptLogprobs is { } pk)
        {
            w.WriteNumber("prompt_logprobs", pk);
        }

        if (call.ContinueFinalMessage)
        {
            w.WriteBoolean("continue_final_message", true);
            w.WriteBoolean("add_generation_prompt", false);
        }

        WriteCommon(w, model, call.Stop, call.Seed, call.TokenIdsInLogprobs);
    });

    /// <summary>/tokenize of a text: llama.cpp's field names, else vLLM's (the reference server's too).</summary>
    public static byte[] Tokenize(ModelDescriptor model, string text, bool addSpecialTokens) => Json(w =>
    {
        if (model.Kind == ModelKind.LlamaCpp)
        {
            w.WriteString("content", text);
            w.WriteBoolean("add_special", addSpecialTokens);
        }
        else
        {
            w.WriteString("model", model.RemoteModel);
            w.WriteString("prompt", text);
            w.WriteBoolean("add_special_tokens", addSpecialTokens);
        }
    });

    /// <summary>vLLM's /tokenize of chat messages, the last (assistant) message continued rather than closed.</summary>
    public static byte[] TokenizeChat(ModelDescriptor model, IReadOnlyList<ChatMessageInput> messages) => Json(w =>
    {
        w.WriteString("model", model.RemoteModel);
        WriteMessages(w, messages);
        w.WriteBoolean("add_generation_prompt", false);
        w.WriteBoolean("continue_final_message", true);
    });

    private static void WriteMessages(Utf8JsonWriter w, IReadOnlyList<ChatMessageInput> messages)
    {
        w.WritePropertyName("messages");
        w.WriteStartArray();
        foreach (var m in messages)
        {
            w.WriteStartObject();
            w.WriteString("role", m.Role);
            w.WriteString("content", m.Content);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCommon(Utf8JsonWriter w, ModelDescriptor model, IReadOnlyList<string>? stop, long? seed, bool tokenIds)
    {
        if (stop is { Count: > 0 })
        {
            w.WritePropertyName("stop");
            w.WriteStartArray();
            foreach (var s in stop)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        }

        if (seed is { } sd)
        {
            w.WriteNumber("seed", sd);
        }

        if (tokenIds && model.HasVllmExtras)
        {
            w.WriteBoolean("return_tokens_as_token_ids", true);
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
