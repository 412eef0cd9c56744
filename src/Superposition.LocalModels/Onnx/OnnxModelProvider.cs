using Microsoft.Extensions.Configuration;
using Superposition.LanguageModels;
using Superposition.LocalModels.Hosting;
using Superposition.LocalModels.Trained;
using Superposition.Scoring.Models;
using Superposition.Specs;
using Superposition.Training;

namespace Superposition.LocalModels.Onnx;

/// <summary>
/// Causal language models exported to ONNX as a provider: Kind <c>onnx</c>, each model configured by name with
/// <c>Path = &lt;folder&gt;</c>; scored in-process unless a BaseUrl is configured. Its settings are read from the model's own configuration section, so the scoring core knows no ONNX.
/// The models <c>superposition train</c> wrote under the trained-models folder (setting
/// <c>Superposition:TrainedModels:Path</c>, default <c>models</c> beside the executable, where the build copies the
/// committed sweeps) resolve by their names without configuration (<see cref="TrainedModelDirectory"/>).
/// </summary>
public sealed class OnnxModelProvider : LocalModelProvider
{
    /// <summary>The configuration Kind of ONNX models.</summary>
    public const string KindName = "onnx";

    /// <summary>The setting that names the trained-models folder.</summary>
    public const string TrainedModelsSetting = "Superposition:TrainedModels:Path";

    private readonly IConfiguration _configuration;
    private readonly Lazy<TrainedModelDirectory> _trained;

    public OnnxModelProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        _trained = new Lazy<TrainedModelDirectory>(() => TrainedModelDirectory.Scan(TrainedRoot(configuration)));
    }

    public override string Kind => KindName;

    /// <summary>The trained models found under the trained-models folder.</summary>
    public TrainedModelDirectory Trained => _trained.Value;

    public override IReadOnlyList<string> BuiltInNames => [.. Trained.Models.Select(m => m.Name)];

    public override string? NamePattern => null;

    /// <summary>The trained-models folder: the setting, else <see cref="TrainedModelDirectory.DefaultRoot"/>.</summary>
    public static string TrainedRoot(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.IsNullOrWhiteSpace(configuration[TrainedModelsSetting]) ? TrainedModelDirectory.DefaultRoot : configuration[TrainedModelsSetting]!.Trim();
    }

    public override bool Serves(string name, out string? error)
    {
        error = null;
        return Trained.Find(name) is not null;
    }

    public override long? ParameterCount(string name) => Trained.Find(name)?.Parameters;

    /// <summary>
    /// Why one of <paramref name="experiment"/>'s trained models cannot answer its prompts (a task it never learnt, a
    /// final question outside its training pool: <see cref="TrainingSpec.EvaluationProblem"/>), or null. Models
    /// configured under their name are not checked: configuration may point the name elsewhere.
    /// </summary>
    public string? EvaluationProblem(ExperimentSpec experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var configured = ModelRegistry.Entries(_configuration).Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return experiment.Models
            .Where(m => !configured.Contains(m))
            .Select(m => Trained.Find(m) is { } model ? model.ReadSpec().EvaluationProblem(experiment, model.Name) : null)
            .FirstOrDefault(p => p is not null);
    }

    protected override ILanguageModelCatalog CreateCatalog() => new OnnxModelCatalog(_configuration, Trained);
}
