namespace Superposition.Reports;

/// <summary>What <see cref="ReportWriter.Write"/> wrote, as full paths.</summary>
/// <param name="Html">report.html.</param>
/// <param name="Plots">Each plot's .png and .svg.</param>
/// <param name="Csv">results.csv; null when no results were given.</param>
public sealed record ReportFiles(string Html, IReadOnlyList<string> Plots, string? Csv);
