using System.Text.Json.Nodes;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Folders;

/// <summary>Every way a folder can break the contract fails at load, with one message naming the file and the problem.</summary>
public sealed class ModelFolderTests
{
    [Fact]
    public void A_folder_that_does_not_exist_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "superposition-no-such-model-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<ModelFolderException>(() => OnnxLanguageModel.Load(missing));

        Assert.Equal($"'{missing}': the model folder does not exist", error.Message);
    }

    [Theory]
    [InlineData("model.onnx", "missing (the ONNX graph")]
    [InlineData("config.json", "missing (vocab_size")]
    public void A_missing_required_file_is_named(string file, string problem) =>
        AssertFails(copy => File.Delete(copy.File(file)), file, problem);

    [Fact]
    public void A_folder_without_any_tokenizer_names_tokenizer_json_and_the_alternative() =>
        AssertFails(
            copy =>
            {
                File.Delete(copy.File("tokenizer.json"));
                File.Delete(copy.File("vocab.json"));
            },
            "tokenizer.json",
            "missing, and so is vocab.json");

    [Fact]
    public void Vocab_json_without_merges_txt_names_merges_txt() =>
        AssertFails(
            copy =>
            {
                File.Delete(copy.File("tokenizer.json"));
                File.Delete(copy.File("merges.txt"));
            },
            "merges.txt",
            "missing (vocab.json needs its merges)");

    [Fact]
    public void A_model_file_onnx_runtime_cannot_read_is_named() =>
        AssertFails(copy => File.WriteAllText(copy.File("model.onnx"), "not a graph"), "model.onnx", "ONNX Runtime cannot load it");

    [Fact]
    public void A_graph_without_logits_lists_its_outputs() =>
        AssertFails(copy => File.Copy(Fixtures.Malformed("no-logits.onnx"), copy.File("model.onnx"), overwrite: true), "model.onnx", "has no output 'logits' (its outputs: hidden)");

    [Fact]
    public void A_graph_with_an_input_outside_the_contract_names_it() =>
        AssertFails(copy => File.Copy(Fixtures.Malformed("extra-input.onnx"), copy.File("model.onnx"), overwrite: true), "model.onnx", "has inputs outside the decoder contract: token_type_ids");

    [Fact]
    public void A_config_that_is_not_json_is_named() =>
        AssertFails(copy => File.WriteAllText(copy.File("config.json"), "{ vocab_size: "), "config.json", "not valid JSON");

    [Fact]
    public void A_vocab_size_other_than_the_logits_width_gives_both() =>
        AssertFails(copy => EditJson(copy.File("config.json"), c => c["vocab_size"] = 500), "config.json", "vocab_size is 500 but the logits of model.onnx have 321 columns");

    [Fact]
    public void A_tokenizer_vocabulary_larger_than_the_logits_is_refused_with_both_sizes() =>
        AssertFails(
            copy => EditJson(copy.File("tokenizer.json"), t => t["added_tokens"]!.AsArray().Add(new JsonObject { ["id"] = 400, ["content"] = "<|pad|>", ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true })),
            "tokenizer.json",
            "the vocabulary has 401 tokens but the logits of model.onnx have 321 columns");

    [Fact]
    public void A_tokenizer_model_other_than_bpe_is_unsupported() =>
        AssertFails(copy => EditJson(copy.File("tokenizer.json"), t => t["model"]!["type"] = "Unigram"), "tokenizer.json", "unsupported tokenizer model 'Unigram'");

    [Fact]
    public void A_decoder_the_suite_cannot_run_is_refused_naming_it() =>
        AssertFails(copy => EditJson(copy.File("tokenizer.json"), t => t["decoder"] = new JsonObject { ["type"] = "WordPiece", ["prefix"] = "##" }), "tokenizer.json", "unsupported decoder 'WordPiece'");

    [Fact]
    public void A_tokenizer_json_the_library_cannot_read_fails_at_load_with_the_librarys_reason() =>
        AssertFails(copy => EditJson(copy.File("tokenizer.json"), t => t["pre_tokenizer"] = new JsonObject { ["type"] = "NoSuchPreTokenizer" }), "tokenizer.json", "Hugging Face's tokenizers library cannot load it");

    [Fact]
    public void A_merge_that_is_not_two_tokens_gives_its_line() =>
        AssertFails(
            copy =>
            {
                File.Delete(copy.File("tokenizer.json"));
                File.AppendAllText(copy.File("merges.txt"), "a b c\n");
            },
            "merges.txt",
            "merge 65 is 'a b c'");

    private static void AssertFails(Action<FolderCopy> breakIt, string file, string problem)
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        breakIt(copy);

        var error = Assert.Throws<ModelFolderException>(() => OnnxLanguageModel.Load(copy.Path));

        Assert.Equal(copy.File(file), error.File);
        Assert.StartsWith($"'{copy.File(file)}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    private static void EditJson(string path, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
