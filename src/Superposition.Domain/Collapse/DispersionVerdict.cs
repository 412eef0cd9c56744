namespace Superposition.Collapse;

/// <summary>What a <see cref="DispersionTest"/> says of runs against an urn at a chosen level.</summary>
public enum DispersionVerdict
{
    /// <summary>The test does not reject the urn.</summary>
    Consistent,

    /// <summary>Rejected, with the counts spread apart more than the urn's: collapse-like (β &gt; 1, or a bias).</summary>
    OverDispersed,

    /// <summary>Rejected, with the counts held nearer the start than the urn's: flattened (β &lt; 1).</summary>
    UnderDispersed,
}
