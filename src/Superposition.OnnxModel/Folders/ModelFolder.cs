namespace Superposition.OnnxModel.Folders;

/// <summary>
/// The files of a model folder in Hugging Face Optimum's decoder layout: model.onnx, config.json, and the tokenizer
/// as tokenizer.json or vocab.json + merges.txt. <see cref="Locate"/> checks that the files are there; what is in
/// them is checked by their readers, each failing with the file's name.
/// </summary>
/// <param name="Directory">The folder (full path).</param>
/// <param name="Model">model.onnx (an external data file beside it is found by ONNX Runtime).</param>
/// <param name="Config">config.json.</param>
/// <param name="TokenizerJson">tokenizer.json, when the folder has one (preferred over vocab.json + merges.txt).</param>
/// <param name="Vocabulary">vocab.json, when used (no tokenizer.json).</param>
/// <param name="Merges">merges.txt, when used (no tokenizer.json).</param>
public sealed record ModelFolder(string Directory, string Model, string Config, string? TokenizerJson, string? Vocabulary, string? Merges)
{
    public const string ModelFile = "model.onnx";
    public const string ConfigFile = "config.json";
    public const string TokenizerJsonFile = "tokenizer.json";
    public const string VocabularyFile = "vocab.json";
    public const string MergesFile = "merges.txt";

    /// <summary>The folder's files; a missing one fails with a <see cref="ModelFolderException"/> naming it.</summary>
    public static ModelFolder Locate(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var directory = Path.GetFullPath(folder);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new ModelFolderException(directory, "the model folder does not exist");
        }

        string Required(string name, string why) =>
            File.Exists(Path.Combine(directory, name)) ? Path.Combine(directory, name) : throw new ModelFolderException(Path.Combine(directory, name), $"missing ({why})");

        var model = Required(ModelFile, "the ONNX graph with input input_ids and output logits");
        var config = Required(ConfigFile, "vocab_size, context length and special tokens");
        var tokenizerJson = Path.Combine(directory, TokenizerJsonFile);
        if (File.Exists(tokenizerJson))
        {
            return new ModelFolder(directory, model, config, tokenizerJson, null, null);
        }

        var vocabulary = Path.Combine(directory, VocabularyFile);
        if (!File.Exists(vocabulary))
        {
            throw new ModelFolderException(tokenizerJson, $"missing, and so is {VocabularyFile}: the folder needs a tokenizer ({TokenizerJsonFile}, or {VocabularyFile} with {MergesFile})");
        }

        return new ModelFolder(directory, model, config, null, vocabulary, Required(MergesFile, $"{VocabularyFile} needs its merges"));
    }
}
