using System.Text.Json;

namespace Superposition.LocalModels.Trained;

/// <summary>
/// The models <c>superposition train</c> wrote under one folder, found by their <c>training.json</c>:
/// <c>&lt;root&gt;/&lt;sweep&gt;/&lt;size&gt;/</c> (named <c>&lt;sweep&gt;-&lt;size&gt;</c>) and <c>&lt;root&gt;/&lt;name&gt;/</c> (named
/// <c>&lt;name&gt;</c>), each with an <c>onnx/model.onnx</c>. The suite's committed sweeps travel to the build output
/// under <c>models/</c>, so their names resolve without configuration. A folder that is not a trained model is
/// skipped; a <c>training.json</c> that cannot be read fails with the file named.
/// </summary>
public sealed class TrainedModelDirectory
{
    private readonly Dictionary<string, TrainedModel> _byName;

    private TrainedModelDirectory(string root, Dictionary<string, TrainedModel> byName)
    {
        Root = root;
        _byName = byName;
    }

    /// <summary>The folder scanned.</summary>
    public string Root { get; }

    /// <summary>The models, ordered by name.</summary>
    public IReadOnlyList<TrainedModel> Models => [.. _byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];

    /// <summary>The default root: <c>models</c> beside the running executable, where the build copies the committed sweeps.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The model of that name (case-insensitive), or null.</summary>
    public TrainedModel? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Scans <paramref name="root"/>; a missing folder holds no models.</summary>
    public static TrainedModelDirectory Scan(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.GetFullPath(root);
        var byName = new Dictionary<string, TrainedModel>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(full))
        {
            return new TrainedModelDirectory(full, byName);
        }

        foreach (var first in Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal))
        {
            var top = Path.GetFileName(first);
            if (Read(first, top) is { } single)
            {
                Add(byName, single);
                continue;
            }

            foreach (var second in Directory.EnumerateDirectories(first).Order(StringComparer.Ordinal))
            {
                if (Read(second, $"{top}-{Path.GetFileName(second)}") is { } sized)
                {
                    Add(byName, sized);
                }
            }
        }

        return new TrainedModelDirectory(full, byName);
    }

    private static void Add(Dictionary<string, TrainedModel> byName, TrainedModel model)
    {
        if (!byName.TryAdd(model.Name, model))
        {
            throw new InvalidDataException($"Two trained models are named '{model.Name}': {byName[model.Name].Folder} and {model.Folder}; rename one folder.");
        }
    }

    private static TrainedModel? Read(string folder, string name)
    {
        var file = Path.Combine(folder, TrainedModel.TrainingFile);
        if (!File.Exists(file) || !File.Exists(Path.Combine(folder, "onnx", "model.onnx")))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            return new TrainedModel(name, folder, root.GetProperty("parameters").GetInt64(), root.GetProperty("non_embedding_parameters").GetInt64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{file}: not a training record of superposition train ({e.Message}); it needs \"parameters\" and \"non_embedding_parameters\".", e);
        }
    }
}
