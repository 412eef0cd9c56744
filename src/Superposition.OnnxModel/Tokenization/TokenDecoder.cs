using System.Text;
using System.Text.Json;
using Superposition.OnnxModel.Folders;

namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// tokenizer.json's "decoder", run as Hugging Face's tokenizers library runs it: each step maps the list of token
/// strings to a new list (its decode_chain), and the text is the final list joined. Supported steps: ByteLevel,
/// Metaspace, ByteFallback, Fuse, Strip, Replace (a string pattern) and Sequence, the ones byte-level and
/// SentencePiece-style BPE tokenizers ship; any other fails at load naming the file. Without a decoder the tokens are
/// joined with spaces, as the library does.
/// </summary>
internal sealed class TokenDecoder
{
    private readonly IReadOnlyList<Step> _steps;
    private readonly bool _joinWithSpaces;

    private TokenDecoder(IReadOnlyList<Step> steps, bool joinWithSpaces)
    {
        _steps = steps;
        _joinWithSpaces = joinWithSpaces;
    }

    /// <summary>Whether a ByteLevel step maps the tokens' characters to bytes (GPT-2's alphabet).</summary>
    public bool IsByteLevel => _steps.Any(s => s is ByteLevelStep);

    /// <summary>The decoder that tokenizer.json's "decoder" describes (null or absent: none).</summary>
    public static TokenDecoder Read(string file, JsonElement root)
    {
        if (!root.TryGetProperty("decoder", out var decoder) || decoder.ValueKind == JsonValueKind.Null)
        {
            return new TokenDecoder([], joinWithSpaces: true);
        }

        var steps = new List<Step>();
        AddSteps(file, decoder, steps);
        return new TokenDecoder(steps, joinWithSpaces: false);
    }

    /// <summary>The text of a token sequence, given each token's string (vocabulary entry or added token's content).</summary>
    public string Decode(IReadOnlyList<string> tokens)
    {
        if (_joinWithSpaces)
        {
            return string.Join(' ', tokens);
        }

        var chain = tokens;
        foreach (var step in _steps)
        {
            chain = step.Chain(chain);
        }

        return string.Concat(chain);
    }

    /// <summary>
    /// A token's raw bytes where it stands inside a text (not first): every step's per-token mapping, without the
    /// steps that only strip the start of the whole text (Strip, and Metaspace's removal of the first token's
    /// marker). Concatenated, the tokens' bytes are the text that Decode gives, but for that stripped start.
    /// </summary>
    public byte[] InContextBytes(string token)
    {
        if (_joinWithSpaces)
        {
            return Encoding.UTF8.GetBytes(token);
        }

        var text = token;
        foreach (var step in _steps)
        {
            switch (step)
            {
                case ByteLevelStep:
                    return ByteLevelAlphabet.TryDecode(text, out var raw) ? raw : Encoding.UTF8.GetBytes(text);
                case ByteFallbackStep when ByteFallbackStep.ByteOf(text) is { } b:
                    return [b];
                case ReplaceStep replace:
                    text = text.Replace(replace.Pattern, replace.Content, StringComparison.Ordinal);
                    break;
                case MetaspaceStep metaspace:
                    text = text.Replace(metaspace.Replacement, ' ');
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static void AddSteps(string file, JsonElement decoder, List<Step> steps)
    {
        var type = decoder.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "Sequence":
                if (!decoder.TryGetProperty("decoders", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    throw new ModelFolderException(file, "the Sequence decoder has no 'decoders' list");
                }

                foreach (var inner in list.EnumerateArray())
                {
                    AddSteps(file, inner, steps);
                }

                break;
            case "ByteLevel":
                steps.Add(new ByteLevelStep());
                break;
            case "ByteFallback":
                steps.Add(new ByteFallbackStep());
                break;
            case "Fuse":
                steps.Add(new FuseStep());
                break;
            case "Strip":
                steps.Add(new StripStep(Char(file, decoder, "content"), Count(file, decoder, "start"), Count(file, decoder, "stop")));
                break;
            case "Metaspace":
                var scheme = decoder.TryGetProperty("prepend_scheme", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()
                    : decoder.TryGetProperty("add_prefix_space", out var add) && add.ValueKind == JsonValueKind.False ? "never" : "always";
                steps.Add(new MetaspaceStep(Char(file, decoder, "replacement"), scheme != "never"));
                break;
            case "Replace":
                if (!decoder.TryGetProperty("pattern", out var pattern) || !pattern.TryGetProperty("String", out var literal) || literal.ValueKind != JsonValueKind.String
                    || !decoder.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
                {
                    throw new ModelFolderException(file, $"unsupported Replace decoder {decoder.GetRawText()} (supported: a String pattern and a content)");
                }

                steps.Add(new ReplaceStep(literal.GetString()!, content.GetString()!));
                break;
            default:
                throw new ModelFolderException(file, $"unsupported decoder '{type}' (supported: ByteLevel, Metaspace, ByteFallback, Fuse, Strip, Replace, Sequence)");
        }
    }

    private static char Char(string file, JsonElement step, string key) =>
        step.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: 1 } s ? s[0]
            : throw new ModelFolderException(file, $"the {step.GetProperty("type").GetString()} decoder's '{key}' must be one character");

    private static int Count(string file, JsonElement step, string key) =>
        step.TryGetProperty(key, out var v) && v.TryGetInt32(out var n) && n >= 0 ? n
            : throw new ModelFolderException(file, $"the Strip decoder's '{key}' must be a non-negative integer");

    private abstract record Step
    {
        public abstract IReadOnlyList<string> Chain(IReadOnlyList<string> tokens);
    }

    /// <summary>Every character through GPT-2's alphabet to a byte (a token with another character: its UTF-8), one lossy UTF-8 text.</summary>
    private sealed record ByteLevelStep : Step
    {
        public override IReadOnlyList<string> Chain(IReadOnlyList<string> tokens)
        {
            var bytes = new List<byte>();
            foreach (var token in tokens)
            {
                bytes.AddRange(ByteLevelAlphabet.TryDecode(token, out var raw) ? raw : Encoding.UTF8.GetBytes(token));
            }

            return [Encoding.UTF8.GetString([.. bytes])];
        }
    }

    /// <summary>Runs of &lt;0xNN&gt; tokens become their UTF-8 text, or one U+FFFD per byte where they are not valid UTF-8.</summary>
    private sealed record ByteFallbackStep : Step
    {
        private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static byte? ByteOf(string token) =>
            token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var b) ? b : null;

        public override IReadOnlyList<string> Chain(IReadOnlyList<string> tokens)
        {
            var result = new List<string>(tokens.Count);
            var pending = new List<byte>();
            foreach (var token in tokens)
            {
                if (ByteOf(token) is { } b)
                {
                    pending.Add(b);
                    continue;
                }

                Flush(pending, result);
                result.Add(token);
            }

            Flush(pending, result);
            return result;
        }

        private static void Flush(List<byte> pending, List<string> result)
        {
            if (pending.Count == 0)
            {
                return;
            }

            try
            {
                result.Add(Strict.GetString([.. pending]));
            }
            catch (DecoderFallbackException)
            {
                result.AddRange(Enumerable.Repeat("\uFFFD", pending.Count));
            }

            pending.Clear();
        }
    }

    private sealed record FuseStep : Step
    {
        public override IReadOnlyList<string> Chain(IReadOnlyList<string> tokens) => [string.Concat(tokens)];
    }

    /// <summary>Each token loses up to <c>start</c> leading and <c>stop</c> trailing <c>content</c> characters.</summary>
    private sealed record StripStep(char Content, int Start, int Stop) : Step
    {
        public override IReadOnlyList<string> Chain(IReadOnlyList<string> tokens) => [.. tokens.Select(Strip)];

        private string Strip(string token)
        {
            // Counted in Unicode scalars, as the library counts chars.
            var runes = token.EnumerateRunes().ToList();
            var from = 0;
            while (from < Math.Min(Start, runes.Count) && runes[from].Value == Content)
            {
                from++;
            }

            var to = runes.Count;
            for (var i = 0; i < Stop && to > from && runes[to - 1].Value == Content; i++)
            {
                to--;
            }

            return string.Concat(runes.Skip(from).Take(to - from).Select(r => r.ToString()));
        }
    }

    /// <summary>The replacement character becomes a space; in the first token it is dropped (all of them) unless the scheme is "never".</summary>
    private sealed record MetaspaceStep(char Replacement, bool DropsFirst) : Step
    {
        public override IReadOnlyList<string> Chain(IReadOnlyList<string> tokens) =>
            [.. tokens.Select((token, i) => i == 0 && DropsFirst ? token.Replace(Replacement.ToString(), string.Empty, StringComparison.Ordinal) : token.Replace(Replacement, ' '))];
    }

    private sealed record ReplaceStep(string Pattern, string Content) : Step
    {
        public override IReadOnlyList<string> Chain(IReadOnlyList<string> tokens) =>
            [.. tokens.Select(t => Pattern.Length == 0 ? t : t.Replace(Pattern, Content, StringComparison.Ordinal))];
    }
}
