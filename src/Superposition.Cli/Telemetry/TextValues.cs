using System.Globalization;

namespace Superposition.Cli.Telemetry;

/// <summary>An attribute value as the text exporters write it: invariant numbers.</summary>
internal static class TextValues
{
    public static string Of(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
