using Superposition.OnnxModel.Folders;

namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// Which special tokens a text gets when special tokens are added (transformers' add_special_tokens=True, vLLM's
/// default for completions and /tokenize), decided as transformers decides it for the folder's tokenizer class
/// (docs/reference-models.md, "Special tokens"):
/// <list type="number">
/// <item>Classes that rebuild the post-processor from tokenizer_config.json (LlamaTokenizer, CodeLlamaTokenizer,
/// GemmaTokenizer and their Fast forms: Llama 2, Mistral, TinyLlama, Gemma): bos_token when add_bos_token (default
/// true), then the text, then eos_token when add_eos_token (default false); bos/eos default to the class's
/// (&lt;s&gt;/&lt;/s&gt;, Gemma's &lt;bos&gt;/&lt;eos&gt;). transformers 4.x does this on every load.</item>
/// <item>Every other class (PreTrainedTokenizerFast as Llama 3 ships, Qwen2Tokenizer, GPT2Tokenizer, or no
/// tokenizer_class): tokenizer.json's post_processor as it is; add_bos_token and add_eos_token are not read.</item>
/// <item>vocab.json + merges.txt (GPT-2's files): nothing.</item>
/// </list>
/// </summary>
public static class TransformersSpecialTokens
{
    // transformers' classes whose __init__ ends in update_post_processor(), with their default bos and eos.
    private static readonly Dictionary<string, (string Bos, string Eos)> Rebuilding = new(StringComparer.Ordinal)
    {
        ["LlamaTokenizer"] = ("<s>", "</s>"),
        ["CodeLlamaTokenizer"] = ("<s>", "</s>"),
        ["GemmaTokenizer"] = ("<bos>", "<eos>"),
    };

    /// <summary>Whether transformers' <paramref name="tokenizerClass"/> builds its template from add_bos_token/add_eos_token.</summary>
    public static bool ReadsAddBosToken(string? tokenizerClass) => tokenizerClass is not null && Rebuilding.ContainsKey(BaseName(tokenizerClass));

    internal static SpecialTokenTemplate Resolve(TokenizerFile file, TokenizerConfig config, string configPath)
    {
        if (config.TokenizerClass is not { } name || !Rebuilding.TryGetValue(BaseName(name), out var defaults))
        {
            return file.PostProcessor;
        }

        var before = new List<int>();
        var after = new List<int>();
        var source = $"{name}'s rule: add_bos_token {(config.AddBosToken ?? true ? "true" : "false")}, add_eos_token {(config.AddEosToken ?? false ? "true" : "false")} (tokenizer_config.json{(config.AddBosToken is null || config.AddEosToken is null ? " and the class's defaults" : string.Empty)})";
        if (config.AddBosToken ?? true)
        {
            before.Add(IdOf(file, config.BosToken ?? defaults.Bos, "bos_token", configPath));
        }

        if (config.AddEosToken ?? false)
        {
            after.Add(IdOf(file, config.EosToken ?? defaults.Eos, "eos_token", configPath));
        }

        return new SpecialTokenTemplate(before, after, source);
    }

    private static int IdOf(TokenizerFile file, string token, string key, string configPath) =>
        file.Ids.TryGetValue(token, out var id) ? id
            : throw new ModelFolderException(configPath, $"the {key} '{token}' is not a token of {Path.GetFileName(file.File)}, and the tokenizer class adds it to every text");

    private static string BaseName(string tokenizerClass) =>
        tokenizerClass.EndsWith("Fast", StringComparison.Ordinal) ? tokenizerClass[..^4] : tokenizerClass;
}
