using System.Globalization;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>How models are named and ordered on axes.</summary>
internal static class ModelLabels
{
    /// <summary>Models by parameter count (unknown last), then name: the order of the paper's Fig. 6.</summary>
    public static IReadOnlyList<ModelSummary> Ordered(IEnumerable<ModelSummary> models) =>
        [.. models.OrderBy(m => m.ParameterCount ?? double.PositiveInfinity).ThenBy(m => m.Model, StringComparer.Ordinal)];

    /// <summary>"7B", "1.8B", "500M", or "size unknown".</summary>
    public static string Parameters(double? count)
    {
        if (count is not { } n || !double.IsFinite(n) || n <= 0)
        {
            return "size unknown";
        }

        var (value, unit) = n >= 1e12 ? (n / 1e12, "T") : n >= 1e9 ? (n / 1e9, "B") : n >= 1e6 ? (n / 1e6, "M") : (n / 1e3, "K");
        return value.ToString("0.##", CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>Tick label: the name over its size.</summary>
    public static string Tick(ModelSummary model) => $"{Shorten(model.Model)}\n{Parameters(model.ParameterCount)}";

    /// <summary>Long names cut to <paramref name="max"/> characters with an ellipsis, so tick labels do not collide.</summary>
    public static string Shorten(string name, int max = 20) => name.Length <= max ? name : string.Concat(name.AsSpan(0, max - 1), "…");
}
