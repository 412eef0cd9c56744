namespace Superposition.Engine.Work;

/// <summary>What the worker step did with an item.</summary>
public enum WorkOutcome
{
    /// <summary>The model was called and the result written.</summary>
    Scored,

    /// <summary>The result existed (a re-delivered message, or a resumed run): nothing was done.</summary>
    AlreadyDone,
}
