namespace Superposition.Training;

/// <summary>How the weights are fitted: the trainer's <c>training</c> section (training/README.md).</summary>
public sealed record OptimizationSpec
{
    public required int Steps { get; init; }

    /// <summary>Sequences per step.</summary>
    public required int Batch { get; init; }

    /// <summary>Peak learning rate.</summary>
    public required double Lr { get; init; }

    public required int WarmupSteps { get; init; }

    /// <summary>cosine (warmup, then down to MinLrRatio·lr) or constant (warmup, then lr).</summary>
    public required string Schedule { get; init; }

    public double MinLrRatio { get; init; } = 0.1;

    public required double WeightDecay { get; init; }

    public double GradClip { get; init; } = 1.0;

    /// <summary>all (every token after the first) or answers (answers and the newline after each).</summary>
    public required string Loss { get; init; }

    public int CheckpointEvery { get; init; }

    public int EvalEvery { get; init; }

    public int LogEvery { get; init; } = 10;
}
