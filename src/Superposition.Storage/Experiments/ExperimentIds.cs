using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Superposition.Storage.Experiments;

/// <summary>
/// Experiment ids: the spec name, the UTC time it was accepted and a suffix, e.g.
/// <c>fig6-numbers-20250101-120000-3f9a1c</c>. Ids are checked against <see cref="Pattern"/> before any storage is
/// touched, so an id is always a safe single path segment.
/// </summary>
public static partial class ExperimentIds
{
    /// <summary>Lowercase letters, digits and hyphens, starting with a letter or digit, at most 100 characters.</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,99}$";

    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);

    /// <summary>A new id for an experiment of spec <paramref name="name"/> accepted at <paramref name="now"/>.</summary>
    public static string New(string name, DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[3];
        RandomNumberGenerator.Fill(random);
        return Compose(name, now, Convert.ToHexStringLower(random));
    }

    /// <summary>
    /// The id of the nightly re-run of <paramref name="parent"/> on UTC <paramref name="date"/>, e.g.
    /// <c>fig6-numbers-20250102-nightly-1a2b3c</c>: one per experiment and day, so a timer that fires twice starts it once.
    /// </summary>
    public static string Nightly(string name, string parent, DateOnly date)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(parent));
        return Compose(name, date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-nightly", Convert.ToHexStringLower(hash.AsSpan(0, 3)));
    }

    private static string Compose(string name, DateTimeOffset time, string suffix) =>
        Compose(name, time.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture), suffix);

    private static string Compose(string name, string stamp, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var id = $"{name}-{stamp}-{suffix}";
        return IsValid(id) ? id : throw new ArgumentException($"Spec name '{name}' does not make a valid experiment id ({Pattern}).", nameof(name));
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
