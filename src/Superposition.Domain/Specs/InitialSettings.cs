using System.Collections;
using System.Text.Json.Serialization;

namespace Superposition.Specs;

/// <summary>
/// The initial settings of a collapse experiment, each run <see cref="CollapseSpec.Runs"/> times: one
/// <see cref="InitialExamples"/> as a spec has always written it, or an array of them. Run r of the experiment
/// belongs to setting r / R, so the runs of a one-setting spec keep their indices.
/// </summary>
[JsonConverter(typeof(InitialSettingsJsonConverter))]
public sealed class InitialSettings : IReadOnlyList<InitialExamples>, IEquatable<InitialSettings>
{
    private readonly IReadOnlyList<InitialExamples> _settings;

    /// <param name="settings">At least one setting.</param>
    /// <param name="asArray">Whether the spec wrote them as an array (kept so that a spec serialises as it was read).</param>
    public InitialSettings(IReadOnlyList<InitialExamples> settings, bool asArray)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Count == 0)
        {
            throw new ArgumentException("A collapse experiment needs at least one initial setting.", nameof(settings));
        }

        _settings = [.. settings];
        AsArray = asArray || settings.Count > 1;
    }

    /// <summary>Whether the spec gives an array of settings rather than one object.</summary>
    public bool AsArray { get; }

    public int Count => _settings.Count;

    public InitialExamples this[int index] => _settings[index];

    /// <summary>One setting, written as a single object.</summary>
    public static implicit operator InitialSettings(InitialExamples initial) => new([initial], asArray: false);

    /// <summary>One setting, written as a single object.</summary>
    public static InitialSettings FromInitialExamples(InitialExamples initial) => initial;

    /// <summary>The JSON path of setting <paramref name="index"/> in a spec, for errors.</summary>
    public string PathOf(int index) => AsArray ? $"$.collapse.initial[{index}]" : "$.collapse.initial";

    public IEnumerator<InitialExamples> GetEnumerator() => _settings.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(InitialSettings? other) =>
        other is not null && AsArray == other.AsArray && _settings.SequenceEqual(other._settings);

    public override bool Equals(object? obj) => Equals(obj as InitialSettings);

    public override int GetHashCode() => HashCode.Combine(AsArray, Count);
}
