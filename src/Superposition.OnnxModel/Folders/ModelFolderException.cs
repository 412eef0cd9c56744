namespace Superposition.OnnxModel.Folders;

/// <summary>
/// A model folder that breaks the contract (docs/models.md, "The model folder"): one message naming the
/// file and what is wrong with it, raised when the folder is loaded, never later at a request.
/// </summary>
/// <param name="file">The file (or folder) at fault, full path.</param>
/// <param name="problem">What is wrong with it.</param>
/// <param name="inner">The reader's own exception, if any.</param>
public sealed class ModelFolderException(string file, string problem, Exception? inner = null) : Exception($"'{file}': {problem}", inner)
{
    /// <summary>The file (or folder) at fault, full path.</summary>
    public string File { get; } = file;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
