using Superposition.Specs;
using Superposition.Training;

namespace Superposition.Domain.Tests.Training;

public sealed class TrainingSpecLoaderTests
{
    private const long PlentyOfMemory = 64L << 30;

    [Fact]
    public void A_valid_numbers_spec_reads_its_fields_with_defaults()
    {
        var spec = TrainingSpecLoader.Parse(TrainingSpecs.Numbers, availableMemoryBytes: PlentyOfMemory);
        Assert.Equal(RegimeKind.Dirichlet, spec.Regime.Kind);
        Assert.Equal(DirichletCounts.Multinomial, spec.Regime.CountRule);
        Assert.Equal(new ExampleRange(1, 10), spec.Examples);
        Assert.Equal(800, spec.TrainingSequenceCount);
        Assert.Equal((1, 10, 0.1), (spec.Threads, spec.Training.LogEvery, spec.Training.MinLrRatio));
        var size = Assert.Single(spec.ResolveSizes());
        Assert.Equal("numbers-test", size.Name);
        Assert.False(spec.IsSweep);
    }

    [Fact]
    public void The_pool_all_contains_the_numbers_evaluation_query_5_and_example_questions_does_not()
    {
        Assert.True(TrainingSpecLoader.Parse(TrainingSpecs.Numbers, availableMemoryBytes: PlentyOfMemory).PoolContains("5"));
        var examplesOnly = TrainingSpecLoader.Parse(TrainingSpecs.With("/inputs", "\"example-questions\""), availableMemoryBytes: PlentyOfMemory);
        Assert.False(examplesOnly.PoolContains("5"));
        Assert.True(examplesOnly.PoolContains("3"));
        var listed = TrainingSpecLoader.Parse(TrainingSpecs.With("/inputs", """["3", "5"]"""), availableMemoryBytes: PlentyOfMemory);
        Assert.Equal(["3", "5"], listed.ResolvePool());
        Assert.False(listed.PoolContains("4"));
    }

    [Fact]
    public void A_model_trained_without_5_in_its_pool_cannot_be_evaluated_on_the_fig6_numbers_protocol_and_the_reason_names_5()
    {
        var fig6 = Superposition.Specs.SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "fig6-numbers.json"));
        Assert.Null(TrainingSpecLoader.Parse(TrainingSpecs.Numbers, availableMemoryBytes: PlentyOfMemory).EvaluationProblem(fig6, "m"));

        var examplesOnly = TrainingSpecLoader.Parse(TrainingSpecs.With("/inputs", "\"example-questions\""), availableMemoryBytes: PlentyOfMemory);
        var problem = examplesOnly.EvaluationProblem(fig6, "m");
        Assert.NotNull(problem);
        Assert.Contains("asks 5 as final question", problem, StringComparison.Ordinal);
        Assert.Contains("'m'", problem, StringComparison.Ordinal);

        var fewerTasks = TrainingSpecLoader.Parse(TrainingSpecs.With("/tasks", """["number.identity", "number.negate"]"""), availableMemoryBytes: PlentyOfMemory);
        Assert.Contains("number.square", fewerTasks.EvaluationProblem(fig6, "m"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_spec_resolves_each_named_size()
    {
        var json = TrainingSpecs.With("/model", null);
        json = TrainingSpecs.With("/sizes", """[{"name": "small", "layers": 1, "width": 16, "heads": 2, "context": 128}, {"name": "large", "layers": 2, "width": 64, "heads": 4, "context": 128}]""", json);
        var spec = TrainingSpecLoader.Parse(json, availableMemoryBytes: PlentyOfMemory);
        Assert.True(spec.IsSweep);
        Assert.Equal(["small", "large"], spec.ResolveSizes().Select(s => s.Name));
        Assert.True(spec.ResolveSizes()[1].Parameters > spec.ResolveSizes()[0].Parameters);
    }

    [Theory]
    [InlineData("/tasks/1", "\"number.cube\"", "$.tasks[1]", "unknown task id 'number.cube'")]
    [InlineData("/tasks/1", "\"country.capital\"", "$.tasks[1]", "is of family 'country'")]
    [InlineData("/family", "\"numbers\"", "$.family", "unknown task family 'numbers'")]
    [InlineData("/examples", """{"min": 5, "max": 3}""", "$.examples", "min 5 is more than max 3")]
    [InlineData("/examples/min", "0", "$.examples.min", "must be at least 1")]
    [InlineData("/regime", """{"kind": "dirichlet"}""", "$.regime.alpha", "is required")]
    [InlineData("/regime", """{"kind": "single-task", "alpha": 1}""", "$.regime.alpha", "only for the dirichlet regime")]
    [InlineData("/regime/kind", "\"mixture\"", "$.regime.kind", "must be one of")]
    [InlineData("/inputs", """["3", "12"]""", "$.inputs[1]", "'12' is not a question of the 'number' family")]
    [InlineData("/inputs", "\"everything\"", "$.inputs", "must be one of")]
    [InlineData("/model/heads", "3", "$.model.heads", "3 heads do not divide the width 32")]
    [InlineData("/model/context", "60", "$.model.context", "the longest sequence this spec can produce has 66 tokens")]
    [InlineData("/model", null, "$.model", "is required (or sizes")]
    [InlineData("/training/warmupSteps", "101", "$.training.warmupSteps", "exceed the 100 steps")]
    [InlineData("/training/loss", "\"questions\"", "$.training.loss", "must be one of")]
    [InlineData("/training/lr", "0", "$.training.lr", "must be greater than 0")]
    [InlineData("/training/budgetMinutes", "30", "$.training", "give either steps or budgetMinutes, not both")]
    [InlineData("/training/steps", null, "$.training", "one of steps or budgetMinutes is required")]
    [InlineData("/training/device", "\"tpu\"", "$.training.device", "must be one of")]
    [InlineData("/training/precision", "\"fp16\"", "$.training.precision", "must be one of")]
    [InlineData("/threads", "0", "$.threads", "must be at least 1")]
    [InlineData("/colour", "\"blue\"", "$.colour", "is not a field of this spec version")]
    public void A_bad_field_is_rejected_with_an_error_naming_it(string pointer, string? value, string path, string message)
    {
        var errors = TrainingSpecLoader.Validate(TrainingSpecs.With(pointer, value), out var spec, PlentyOfMemory);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_context_check_is_exact_a_context_of_the_longest_sequence_passes_and_one_less_fails()
    {
        // Numbers, dirichlet: the longest line is "9->-9\n" or "9->81\n" (6 bytes); 10 examples and a query: 66 tokens.
        Assert.Empty(TrainingSpecLoader.Validate(TrainingSpecs.With("/model/context", "66"), out _, PlentyOfMemory));
        Assert.Contains(TrainingSpecLoader.Validate(TrainingSpecs.With("/model/context", "65"), out _, PlentyOfMemory), e => e.Path == "$.model.context");
    }

    [Fact]
    public void A_single_task_spec_of_a_family_without_repeats_needs_the_top_distinct_lines_of_one_task()
    {
        // Addition in digits: the longest lines are "99+99->198\n" (11 bytes) and its neighbours; 3 examples and a query
        // use 4 distinct questions, all of 11 bytes.
        var json = TrainingSpecs.With("/family", "\"addition\"");
        json = TrainingSpecs.With("/tasks", """["addition.digits"]""", json);
        json = TrainingSpecs.With("/regime", """{"kind": "single-task"}""", json);
        json = TrainingSpecs.With("/examples", """{"min": 1, "max": 3}""", json);
        Assert.Empty(TrainingSpecLoader.Validate(TrainingSpecs.With("/model/context", "44", json), out _, PlentyOfMemory));
        var errors = TrainingSpecLoader.Validate(TrainingSpecs.With("/model/context", "43", json), out _, PlentyOfMemory);
        Assert.Contains(errors, e => e.Path == "$.model.context" && e.Message.Contains("44 tokens", StringComparison.Ordinal));
    }

    [Fact]
    public void More_examples_than_a_non_repeating_pool_allows_are_rejected_naming_examples_max()
    {
        var json = TrainingSpecs.With("/family", "\"addition\"");
        json = TrainingSpecs.With("/tasks", """["addition.digits"]""", json);
        json = TrainingSpecs.With("/inputs", """["10+10", "10+11", "10+12"]""", json);
        var errors = TrainingSpecLoader.Validate(json, out _, PlentyOfMemory);
        Assert.Contains(errors, e => e.Path == "$.examples.max" && e.Message.Contains("need 11 distinct questions", StringComparison.Ordinal) && e.Message.Contains("has 3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_size_too_large_for_memory_is_rejected_naming_the_size_and_the_numbers()
    {
        var errors = TrainingSpecLoader.Validate(TrainingSpecs.Numbers, out _, availableMemoryBytes: 1L << 20);
        var error = Assert.Single(errors);
        Assert.Equal("$.model", error.Path);
        Assert.Contains("too large for memory", error.Message, StringComparison.Ordinal);
        Assert.Contains("37,792 parameters", error.Message, StringComparison.Ordinal);
        Assert.Contains("of the 1 MiB available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_and_sizes_together_are_rejected()
    {
        var json = TrainingSpecs.With("/sizes", """[{"name": "a", "layers": 1, "width": 16, "heads": 2, "context": 128}]""");
        Assert.Contains(TrainingSpecLoader.Validate(json, out _, PlentyOfMemory), e => e.Path == "$.sizes" && e.Message.Contains("not both", StringComparison.Ordinal));
    }

    [Fact]
    public void A_time_budget_replaces_steps_and_leaves_the_steps_and_the_sequence_count_to_a_plan()
    {
        var spec = TrainingSpecLoader.Parse(TrainingSpecs.WithBudget("12.5"), availableMemoryBytes: PlentyOfMemory);

        Assert.Null(spec.Training.Steps);
        Assert.Equal(12.5, spec.Training.BudgetMinutes);
        Assert.Equal(3200, spec.TrainingSequenceCountFor(400));
        Assert.Null(spec.TrainingSequenceCount);
        Assert.Equal(500, (spec with { Sequences = 500 }).TrainingSequenceCountFor(400));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_budget_that_is_not_positive_is_rejected_naming_it(string minutes)
    {
        var errors = TrainingSpecLoader.Validate(TrainingSpecs.WithBudget(minutes), out var spec, PlentyOfMemory);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == "$.training.budgetMinutes" && e.Message.Contains("must be greater than 0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_spec_without_budget_device_or_precision_serialises_none_of_them_so_older_specs_serialise_as_before()
    {
        var text = TrainingSpecLoader.Serialize(TrainingSpecLoader.Parse(TrainingSpecs.Numbers, availableMemoryBytes: PlentyOfMemory));

        var root = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal(800, root["trainingSequenceCount"]!.GetValue<int>());
        var training = root["training"]!.AsObject();
        Assert.Equal(
            ["steps", "batch", "lr", "warmupSteps", "schedule", "minLrRatio", "weightDecay", "gradClip", "loss", "checkpointEvery", "evalEvery", "logEvery"],
            training.Select(p => p.Key));
    }

    [Fact]
    public void Device_precision_and_a_budget_are_read_and_serialised_when_given()
    {
        var json = TrainingSpecs.With("/training/device", "\"cuda\"", TrainingSpecs.With("/training/precision", "\"bf16\"", TrainingSpecs.WithBudget("30")));
        var spec = TrainingSpecLoader.Parse(json, availableMemoryBytes: PlentyOfMemory);
        Assert.Equal(("cuda", "bf16"), (spec.Training.Device, spec.Training.Precision));

        // Read back as training.json's meta is read (the serialised form carries computed fields the schema refuses).
        var again = System.Text.Json.JsonSerializer.Deserialize<TrainingSpec>(TrainingSpecLoader.Serialize(spec), SpecLoader.JsonOptions)!;
        Assert.Equal(spec.Training, again.Training);
        Assert.Null(again.Training.Steps);
        Assert.DoesNotContain("trainingSequenceCount", TrainingSpecLoader.Serialize(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_file_that_does_not_exist_is_one_error_at_the_root()
    {
        var e = Assert.Throws<SpecValidationException>(() => TrainingSpecLoader.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-training-spec.json")));
        Assert.Contains("is not a valid training spec", e.Message, StringComparison.Ordinal);
        Assert.Equal("$", Assert.Single(e.Errors).Path);
    }
}
