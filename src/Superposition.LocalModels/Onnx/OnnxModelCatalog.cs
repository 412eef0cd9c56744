using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Superposition.LanguageModels;
using Superposition.LocalModels.Trained;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;
using Superposition.Scoring.Models;

namespace Superposition.LocalModels.Onnx;

/// <summary>
/// The models configured with <c>Kind = onnx</c> under <c>Superposition:Models</c>, each loaded from its <c>Path</c>
/// (relative to the working directory) on first use and kept for the process: one session per model, shared by
/// concurrent requests. Resolved by the configured name or its <c>Model</c> setting (the name the scorer sends), and
/// then by the names of <paramref name="trained"/>'s models, loaded with the default options.
/// </summary>
public sealed class OnnxModelCatalog(IConfiguration configuration, TrainedModelDirectory? trained = null) : ILanguageModelCatalog, IDisposable
{
    /// <summary>The setting that names a model's folder.</summary>
    public const string PathSetting = "Path";

    // Lazy so that two first requests for a model load its session once.
    private readonly ConcurrentDictionary<string, Lazy<OnnxLanguageModel>> _loaded = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> ServedNames => [.. Entries().Select(ServedName), .. (trained?.Models ?? []).Select(m => m.Name)];

    public string NamesHint => $"a model configured under {ModelCatalog.SectionName}:<key> with Kind = {OnnxModelProvider.KindName} and Path = <folder>"
        + (trained is null ? string.Empty : $", or a trained model under {trained.Root}");

    public bool TryResolve(string name, out ILanguageModel model, out string? error)
    {
        model = null!;
        error = null;
        var entry = Entries().FirstOrDefault(e => string.Equals(ServedName(e), name, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            // A trained model is small: one intra-op thread each, so that concurrent requests to several of them share
            // the cores instead of each session spreading over all of them (configure one by name to change it).
            return trained?.Find(name) is { } found && TryLoad(name, Path.GetFullPath(found.OnnxFolder), new OnnxModelOptions(name, Threads: 1), $"trained model '{found.Name}' ({found.OnnxFolder})", null, out model, out error);
        }

        var section = entry.Section;
        var folder = section[PathSetting];
        var setting = entry.Setting(PathSetting);
        if (string.IsNullOrWhiteSpace(folder))
        {
            error = $"{setting} is not set; it names the model's folder (model.onnx, config.json and the tokenizer files).";
            return false;
        }

        if (!OnnxModelSettings.TryRead(section, name, out var options, out error))
        {
            return false;
        }

        var providerSetting = $"{entry.Setting(OnnxModelSettings.ExecutionProviderSetting)} '{section[OnnxModelSettings.ExecutionProviderSetting]}'";
        return TryLoad(name, Path.GetFullPath(folder.Trim()), options, $"{setting} '{folder}'", providerSetting, out model, out error);
    }

    /// <summary>
    /// Loads (once) the folder with those options; false with the error when it is broken, prefixed by
    /// <paramref name="what"/> (or by <paramref name="providerWhat"/>, the setting, when the execution provider is missing).
    /// </summary>
    private bool TryLoad(string name, string full, OnnxModelOptions options, string what, string? providerWhat, out ILanguageModel model, out string? error)
    {
        model = null!;
        error = null;

        // Keyed by name, folder and session settings: a setting edited in reloaded configuration loads anew.
        var key = $"{name}\n{full}\n{options}";
        var lazy = _loaded.GetOrAdd(key, _ => new Lazy<OnnxLanguageModel>(() => OnnxLanguageModel.Load(full, options)));
        try
        {
            model = lazy.Value;
            return true;
        }
        catch (Exception e) when (e is ModelFolderException or ExecutionProviderUnavailableException)
        {
            // Not cached as a failure: a folder fixed on disk (or a build with the GPU package) loads at the next request.
            _loaded.TryRemove(new KeyValuePair<string, Lazy<OnnxLanguageModel>>(key, lazy));
            error = e is ExecutionProviderUnavailableException
                ? $"{providerWhat ?? what}: {e.Message}"
                : $"{what}: {e.Message}";
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _loaded.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }
    }

    private IEnumerable<ModelEntry> Entries() =>
        ModelRegistry.Entries(configuration)
            .Where(e => string.Equals(e.Section["Kind"]?.Trim(), OnnxModelProvider.KindName, StringComparison.OrdinalIgnoreCase));

    // The name the scorer sends: Model, else the model's name (ModelCatalog's remote name).
    private static string ServedName(ModelEntry entry) =>
        string.IsNullOrWhiteSpace(entry.Section["Model"]) ? entry.Name : entry.Section["Model"]!;
}
