using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// Where a Fig. 6-style plot puts each model along x. When every model's parameter count is known the axis is a
/// real size axis, log10 of the count, and points of one distribution may be joined by lines across models;
/// otherwise models are categories one unit apart (unknown sizes last), an order but no distance, so nothing may
/// join them.
/// </summary>
internal sealed class ModelAxis
{
    private ModelAxis(IReadOnlyList<ModelSummary> models, IReadOnlyList<double> positions, bool bySize)
    {
        Models = models;
        Positions = positions;
        BySize = bySize;
    }

    /// <summary>Models in axis order (<see cref="ModelLabels.Ordered"/>).</summary>
    public IReadOnlyList<ModelSummary> Models { get; }

    /// <summary>Each model's x: log10 of its parameter count, or its index.</summary>
    public IReadOnlyList<double> Positions { get; }

    /// <summary>True when x is log10 of the parameter count; lines along it then mean something.</summary>
    public bool BySize { get; }

    public string Title => BySize
        ? "parameters (log scale)"
        : "model, ordered by parameter count (not to scale: some sizes unknown)";

    /// <summary>The x range shown: every model with room for its points and labels.</summary>
    public (double Min, double Max) Limits
    {
        get
        {
            var (min, max) = (Positions.Min(), Positions.Max());
            var pad = BySize ? Math.Max(0.25, 0.08 * (max - min)) : 0.6;
            return (min - pad, max + pad);
        }
    }

    /// <summary>The x distance that series of one model are spread over and error-bar caps are measured in.</summary>
    public double Unit => BySize ? (Limits.Max - Limits.Min) / (Models.Count + 1) : 1;

    public static ModelAxis Of(IEnumerable<ModelSummary> models)
    {
        var ordered = ModelLabels.Ordered(models);
        if (ordered.Count == 0)
        {
            throw new ArgumentException("A model axis needs at least one model.", nameof(models));
        }

        var bySize = ordered.All(m => m.ParameterCount is { } n && double.IsFinite(n) && n > 0);
        IReadOnlyList<double> positions = bySize
            ? [.. ordered.Select(m => Math.Log10(m.ParameterCount!.Value))]
            : [.. Enumerable.Range(0, ordered.Count).Select(i => (double)i)];
        return new ModelAxis(ordered, positions, bySize);
    }
}
