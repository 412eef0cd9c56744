namespace Superposition.Testing;

/// <summary>
/// What a test needs beyond .NET, as an xunit trait on its class: <c>[Trait(Needs.Trait, Needs.Azurite)]</c>. The fast
/// tier (<c>scripts/test.sh --fast</c>) leaves out every test with one of these traits; the default test command runs
/// them all. A test that reaches one of these without its trait fails in the fast tier (<see cref="Require"/>), so a
/// missing trait is found at once instead of hiding a slow or failing test in the quick loop.
/// </summary>
public static class Needs
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "Needs";

    /// <summary>The storage emulator (<see cref="AzuriteFixture"/>).</summary>
    public const string Azurite = "Azurite";

    /// <summary>Headless Chromium (the report pages' browser tests).</summary>
    public const string Chromium = "Chromium";

    /// <summary>/usr/bin/python3 with PyTorch (the trainer).</summary>
    public const string Python = "Python";

    /// <summary>The whole demo or findings run (a minute or more).</summary>
    public const string Demo = "Demo";

    /// <summary>The Bicep CLI from NuGet, evaluating infra/ (bicep snapshot: tens of seconds).</summary>
    public const string Bicep = "Bicep";

    /// <summary>Every value, in the order the fast tier's filter lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Azurite, Chromium, Python, Demo, Bicep];

    /// <summary>The environment variable the fast tier sets to <c>fast</c>.</summary>
    public const string TierVariable = "SUPERPOSITION_TEST_TIER";

    /// <summary>True while the fast tier runs.</summary>
    public static bool FastTier => string.Equals(Environment.GetEnvironmentVariable(TierVariable), "fast", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Called where a test reaches <paramref name="need"/> (the Azurite fixture, the Chromium finder, the trainer's
    /// Python, the demo): in the fast tier that means the test lacks its trait, which this names.
    /// </summary>
    public static void Require(string need)
    {
        if (FastTier)
        {
            throw new InvalidOperationException(
                $"This test needs {need}, which the fast tier (scripts/test.sh --fast) does not provide: mark its class [Trait(Needs.Trait, Needs.{need})].");
        }
    }
}
