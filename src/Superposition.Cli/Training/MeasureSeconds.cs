using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Superposition.Cli.Training;

/// <summary>
/// How long a time budget's measurement times steps (setting <c>Superposition:Training:MeasureSeconds</c>, default
/// 15): long enough for a stable rate on a real run; the tests set 1.
/// </summary>
internal static class MeasureSeconds
{
    public const string Setting = "Superposition:Training:MeasureSeconds";

    public const double Default = 15;

    /// <summary>The setting's seconds; <see cref="CliInputException"/> when it is not a positive number.</summary>
    public static double From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && double.IsFinite(seconds)
            ? seconds
            : throw new CliInputException($"{Setting} is '{text}': give a number of seconds greater than 0");
    }
}
