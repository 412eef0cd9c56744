using Superposition.Training;

namespace Superposition.Domain.Tests.Training;

public sealed class TrainingPlanTests
{
    private const long PlentyOfMemory = 64L << 30;

    // The numbers spec: batch 8, 10 warmup steps.
    private static TrainingSpec Budget(string minutes, string? sequences = null)
    {
        var json = TrainingSpecs.WithBudget(minutes);
        return TrainingSpecLoader.Parse(sequences is null ? json : TrainingSpecs.With("/sequences", sequences, json), availableMemoryBytes: PlentyOfMemory);
    }

    [Theory]
    [InlineData("2", 3.5, 420)]
    [InlineData("0.5", 1.23, 36)] // 36.9 steps: a started step is not bought
    [InlineData("90", 0.25, 1350)]
    public void The_steps_are_the_budget_in_seconds_times_the_measured_rate_rounded_down(string minutes, double stepsPerSecond, int steps)
    {
        Assert.Equal(steps, TrainingPlan.StepsFor(Budget(minutes), stepsPerSecond));
    }

    [Fact]
    public void A_budget_that_buys_no_more_steps_than_the_warmup_is_rejected_naming_the_budget_and_the_rate()
    {
        // 0.1 minutes at 1.5 steps/s: 9 steps, under the 10 warmup steps.
        var e = Assert.Throws<TrainingBudgetException>(() => TrainingPlan.StepsFor(Budget("0.1"), 1.5));

        Assert.Equal("$.training.budgetMinutes", e.Error.Path);
        Assert.Contains("0.1 minutes at the measured 1.5 steps/s buy 9 steps, no more than the 10 warmup steps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_the_warmup_is_too_few_steps_and_one_more_is_enough()
    {
        // 1 minute at 10/60 steps/s is 10 steps (the warmup); at 11/60, 11.
        Assert.Throws<TrainingBudgetException>(() => TrainingPlan.StepsFor(Budget("1"), 10 / 60.0));
        Assert.Equal(11, TrainingPlan.StepsFor(Budget("1"), 11.0001 / 60));
    }

    [Fact]
    public void A_budget_buying_more_sequences_than_can_be_generated_needs_a_sequence_count()
    {
        // 10^4 minutes at 1000 steps/s: 6·10^8 steps of 8 sequences, 4.8·10^9 sequences.
        var e = Assert.Throws<TrainingBudgetException>(() => TrainingPlan.StepsFor(Budget("10000"), 1000));
        Assert.Equal("$.sequences", e.Error.Path);

        Assert.Equal(600_000_000, TrainingPlan.StepsFor(Budget("10000", "5000"), 1000));
    }

    [Fact]
    public void A_spec_with_fixed_steps_has_no_budget_to_plan()
    {
        var spec = TrainingSpecLoader.Parse(TrainingSpecs.Numbers, availableMemoryBytes: PlentyOfMemory);
        Assert.Throws<ArgumentException>(() => TrainingPlan.StepsFor(spec, 3));
    }

    [Fact]
    public void A_plan_written_to_a_folder_reads_back_equal_and_a_folder_without_one_has_none()
    {
        var folder = Directory.CreateTempSubdirectory("plan-").FullName;
        try
        {
            Assert.Null(TrainingPlan.Read(folder));
            var plan = new TrainingPlan(12.5, 3.25, 4100.5, 40, 2437, "cpu", "fp32", "1.13.1");

            plan.Write(folder);

            Assert.Equal(plan, TrainingPlan.Read(folder));
            var text = File.ReadAllText(Path.Combine(folder, TrainingPlan.FileName));
            Assert.Contains("\"measuredStepsPerSecond\": 3.25", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_plan_file_missing_a_field_is_reported_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("plan-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, TrainingPlan.FileName), """{"budgetMinutes": 1, "steps": 40}""");

            var e = Assert.Throws<InvalidDataException>(() => TrainingPlan.Read(folder));

            Assert.Contains(Path.Combine(folder, TrainingPlan.FileName), e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
