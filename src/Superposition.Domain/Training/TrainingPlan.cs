using System.Globalization;
using System.Text.Json;
using Superposition.Specs;

namespace Superposition.Training;

/// <summary>
/// The steps a time budget (<see cref="OptimizationSpec.BudgetMinutes"/>) buys one size on this machine: the trainer's
/// measured steps per second times the budget. Written to the size's <see cref="FileName"/> before training, so a
/// resumed run trains the same steps without measuring again (a second measure would differ, and the checkpoint would
/// refuse the new step count), and into training.json's <c>meta.plan</c>, so a run can be pinned by copying its steps
/// into the spec.
/// </summary>
/// <param name="BudgetMinutes">The spec's budget.</param>
/// <param name="MeasuredStepsPerSecond">The trainer's timed steps per second for this size.</param>
/// <param name="MeasuredTokensPerSecond">The same steps' tokens per second (padding excluded).</param>
/// <param name="TimedSteps">How many steps the measurement timed.</param>
/// <param name="Steps">The steps the budget buys (<see cref="StepsFor"/>).</param>
/// <param name="Device">Where the measurement ran: cpu or cuda.</param>
/// <param name="Precision">fp32 or bf16.</param>
/// <param name="Torch">The PyTorch version.</param>
public sealed record TrainingPlan(
    double BudgetMinutes,
    double MeasuredStepsPerSecond,
    double MeasuredTokensPerSecond,
    int TimedSteps,
    int Steps,
    string Device,
    string Precision,
    string Torch)
{
    public const string FileName = "plan.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>
    /// floor(budgetMinutes × 60 × <paramref name="stepsPerSecond"/>); <see cref="TrainingBudgetException"/> when that is
    /// no more than the warmup (the schedule would never reach its peak), or when steps × batch is more sequences than
    /// can be generated and the spec gives no <see cref="TrainingSpec.Sequences"/>.
    /// </summary>
    public static int StepsFor(TrainingSpec spec, double stepsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var training = spec.Training;
        var budget = training.BudgetMinutes ?? throw new ArgumentException($"Training spec '{spec.Name}' gives steps, not a time budget.", nameof(spec));
        if (!(stepsPerSecond > 0) || !double.IsFinite(stepsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(stepsPerSecond), stepsPerSecond, "A measured rate is positive and finite.");
        }

        var steps = Math.Floor(budget * 60 * stepsPerSecond);
        var bought = string.Create(CultureInfo.InvariantCulture, $"{budget:0.##########} minutes at the measured {stepsPerSecond:0.###} steps/s buy {steps:N0} steps");
        if (steps <= training.WarmupSteps)
        {
            throw new TrainingBudgetException(new SpecError("$.training.budgetMinutes",
                string.Create(CultureInfo.InvariantCulture, $"{bought}, no more than the {training.WarmupSteps} warmup steps: give a larger budget (or fixed steps)")));
        }

        if (steps > int.MaxValue)
        {
            throw new TrainingBudgetException(new SpecError("$.training.budgetMinutes", $"{bought}, more than a run can count: give a smaller budget"));
        }

        if (spec.Sequences is null && steps * training.Batch > int.MaxValue)
        {
            throw new TrainingBudgetException(new SpecError("$.sequences",
                string.Create(CultureInfo.InvariantCulture, $"{bought}, and steps × batch {training.Batch} is too many sequences to generate: give a number of sequences")));
        }

        return (int)steps;
    }

    /// <summary>The plan in <paramref name="folder"/>, or null when it has none; the exception names a file that is not one.</summary>
    public static TrainingPlan? Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TrainingPlan>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file}: null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not a training plan ({e.Message})", e);
        }
    }

    /// <summary>Writes it into <paramref name="folder"/>, creating the folder.</summary>
    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FileName), ToJson() + "\n");
    }

    /// <summary>The plan as plan.json holds it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
