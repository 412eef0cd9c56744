namespace Superposition.ReferenceModel.Model;

/// <summary>One text the model may write after a separator, with its designed probability (before "\n").</summary>
/// <param name="Text">The continuation, without the closing "\n".</param>
/// <param name="Probability">Its probability; the continuation followed by "\n" has Probability · (1 − δ).</param>
/// <param name="Tasks">The tasks whose answer it is (several when answers coincide); empty for "other" continuations.</param>
public sealed record Continuation(string Text, double Probability, IReadOnlyList<string> Tasks)
{
    public bool IsOther => Tasks.Count == 0;
}
