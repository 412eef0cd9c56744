namespace Superposition.Specs;

/// <summary>What an experiment measures.</summary>
public enum ExperimentKind
{
    /// <summary>One answer per prompt, its task probabilities scored against the mixture of the examples.</summary>
    Calibration,

    /// <summary>Runs of many turns in which the model answers its own growing prompt, compared with the Pólya urn.</summary>
    Collapse,
}
