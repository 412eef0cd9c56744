using Superposition.Summaries;
using Superposition.Training;

namespace Superposition.Reports;

/// <summary>
/// The trained sweep as its page reads it: the trained models' records, and the two experiments run over them,
/// joined by model name (an experiment names a trained model <c>&lt;sweep&gt;-&lt;size&gt;</c>, as its record does).
/// A model's regime comes from its record; its size from the experiment's summary, else from its record.
/// </summary>
internal sealed class TrainedSweep
{
    private readonly Dictionary<string, TrainedModelRecord> _records;

    public TrainedSweep(IReadOnlyList<TrainedModelRecord> models, ExperimentSummary? calibration, ExperimentSummary? collapse)
    {
        ArgumentNullException.ThrowIfNull(models);
        Calibration = calibration;
        Collapse = collapse;

        // Grouped by regime (single-task, dirichlet, then unknown), each by size: the table's and the plots' order.
        Models = [.. models.OrderBy(m => RegimeOrder(m.Spec.Regime.Kind)).ThenBy(m => m.Parameters).ThenBy(m => m.Name, StringComparer.Ordinal)];
        _records = models.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The records, grouped by regime and ordered by parameters within each.</summary>
    public IReadOnlyList<TrainedModelRecord> Models { get; }

    public ExperimentSummary? Calibration { get; }

    public ExperimentSummary? Collapse { get; }

    /// <summary>The calibration summary's models, in the page's order (regime, then size, unknown last).</summary>
    public IReadOnlyList<ModelSummary> CalibrationModels => Calibration is null ? []
        : [.. Calibration.Models.OrderBy(m => RegimeOrder(RegimeOf(m.Model))).ThenBy(m => ParametersOf(m.Model, m.ParameterCount) ?? double.PositiveInfinity).ThenBy(m => m.Model, StringComparer.Ordinal)];

    /// <summary>The collapse summary's (model, setting) rows, in the page's order, then by setting.</summary>
    public IReadOnlyList<CollapseModelSummary> CollapseModels => Collapse?.Collapse is not { } rows ? []
        : [.. rows.OrderBy(m => RegimeOrder(RegimeOf(m.Model))).ThenBy(m => ParametersOf(m.Model, m.ParameterCount) ?? double.PositiveInfinity).ThenBy(m => m.Model, StringComparer.Ordinal).ThenBy(m => m.Setting)];

    /// <summary>The regime of the trained model an experiment calls <paramref name="model"/>; null without its record.</summary>
    public RegimeKind? RegimeOf(string model) => _records.TryGetValue(model, out var record) ? record.Spec.Regime.Kind : null;

    /// <summary>The size's name in its sweep ("l2-w24"), or the model's name without a record.</summary>
    public string SizeOf(string model) => _records.TryGetValue(model, out var record) ? record.Size : model;

    /// <summary>The experiment's parameter count when it recorded one, else the record's; null when neither knows.</summary>
    public double? ParametersOf(string model, double? recorded) =>
        recorded is { } n && double.IsFinite(n) && n > 0 ? n
        : _records.TryGetValue(model, out var record) && record.Parameters > 0 ? record.Parameters
        : null;

    /// <summary>The regimes present, in page order; null stands for models without a record.</summary>
    public static IEnumerable<RegimeKind?> Regimes(IEnumerable<RegimeKind?> kinds) => kinds.Distinct().OrderBy(RegimeOrder);

    /// <summary>How the page names a regime: as training specs write it.</summary>
    public static string RegimeLabel(RegimeKind? kind) => kind switch
    {
        RegimeKind.SingleTask => "single-task",
        RegimeKind.Dirichlet => "dirichlet",
        _ => "regime unknown",
    };

    private static int RegimeOrder(RegimeKind? kind) => kind switch
    {
        RegimeKind.SingleTask => 0,
        RegimeKind.Dirichlet => 1,
        _ => 2,
    };
}
