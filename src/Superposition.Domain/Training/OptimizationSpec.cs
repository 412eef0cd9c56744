namespace Superposition.Training;

/// <summary>How the weights are fitted: the trainer's <c>training</c> section (training/README.md).</summary>
public sealed record OptimizationSpec
{
    /// <summary>A fixed number of steps; a spec gives this or <see cref="BudgetMinutes"/>.</summary>
    public int? Steps { get; init; }

    /// <summary>
    /// A time budget per size; a spec gives this or <see cref="Steps"/>. <c>superposition train</c> measures the
    /// size's steps per second on this machine and trains floor(minutes × 60 × rate) steps (<see cref="TrainingPlan"/>).
    /// </summary>
    public double? BudgetMinutes { get; init; }

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

    /// <summary>auto (CUDA when available), cpu or cuda; null leaves it to the trainer (auto).</summary>
    public string? Device { get; init; }

    /// <summary>auto (bf16 autocast on CUDA, fp32 on CPU), fp32 or bf16; null leaves it to the trainer (auto).</summary>
    public string? Precision { get; init; }
}
