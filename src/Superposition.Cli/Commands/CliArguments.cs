using System.Globalization;

namespace Superposition.Cli.Commands;

/// <summary>Parsing of argument values that System.CommandLine leaves as text.</summary>
internal static class CliArguments
{
    /// <summary>"0.5,0.25,0.25" as numbers; the error names the option and the bad item.</summary>
    public static double[] NumberList(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException($"{option} needs a comma-separated list of numbers, e.g. {option} 0.5,0.5");
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!double.TryParse(items[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new CliInputException($"{option}: item {i + 1} ('{items[i]}') is not a number");
            }
        }

        return values;
    }
}
