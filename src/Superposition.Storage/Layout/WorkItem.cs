namespace Superposition.Storage.Layout;

/// <summary>
/// One unit of work: prompt <paramref name="Prompt"/> of distribution <paramref name="Distribution"/>, scored by
/// <paramref name="Model"/>, in experiment <paramref name="Experiment"/> (its id). The prompt itself is rebuilt
/// from the spec, so these four values are all a worker needs.
/// </summary>
public sealed record WorkItem(string Experiment, string Model, string Distribution, int Prompt)
{
    public override string ToString() => $"{Experiment}/{Model}/{Distribution}/{Prompt}";
}
