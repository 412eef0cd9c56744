using Superposition.Specs;

namespace Superposition.Training;

/// <summary>A time budget that buys no usable run on this machine, found once its rate is measured: bad input naming the field.</summary>
public sealed class TrainingBudgetException(SpecError error) : Exception(error.ToString())
{
    public SpecError Error { get; } = error;
}
