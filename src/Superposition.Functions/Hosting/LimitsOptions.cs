namespace Superposition.Functions.Hosting;

/// <summary>What POST /api/experiments accepts (section <c>Superposition:Limits</c>); larger specs run with the CLI.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Superposition:Limits";

    /// <summary>Largest request body, in bytes. Default 65536.</summary>
    public int MaxBodyBytes { get; set; } = 65536;

    /// <summary>Most prompts per distribution. Default 1000.</summary>
    public int MaxPrompts { get; set; } = 1000;

    /// <summary>Most in-context examples per prompt. Default 200.</summary>
    public int MaxExamples { get; set; } = 200;

    /// <summary>Most models per spec. Default 16.</summary>
    public int MaxModels { get; set; } = 16;

    /// <summary>Most work items (prompts × distributions × models) per experiment. Default 100000.</summary>
    public int MaxWorkItems { get; set; } = 100_000;
}
