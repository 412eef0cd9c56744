using System.Globalization;
using Superposition.Specs;
using Superposition.Tasks;

namespace Superposition.Training;

/// <summary>What a schema cannot check in a training spec; each error names its field.</summary>
internal static class TrainingSpecChecks
{
    /// <summary>Share of the available memory a run may plan to use (the trainer checks 80 % of the machine's too).</summary>
    public const double MemoryShare = 0.8;

    public static List<SpecError> Errors(TrainingSpec spec, long availableMemoryBytes)
    {
        var errors = new List<SpecError>();
        var family = TaskLibrary.Families.FirstOrDefault(f => f.Id == spec.Family);
        if (family is null)
        {
            errors.Add(new SpecError("$.family", $"unknown task family '{spec.Family}'; families are {string.Join(", ", TaskLibrary.Families.Select(f => f.Id))}"));
        }

        var tasks = new List<TaskDefinition>();
        for (var i = 0; i < spec.Tasks.Count; i++)
        {
            if (!TaskLibrary.TryGet(spec.Tasks[i], out var task))
            {
                var known = family is null ? TaskLibrary.All : TaskLibrary.InFamily(family);
                errors.Add(new SpecError($"$.tasks[{i}]", $"unknown task id '{spec.Tasks[i]}'; known ids{(family is null ? "" : $" of the '{family.Id}' family")}: {string.Join(", ", known.Select(t => t.Id))}"));
            }
            else if (family is not null && task.Family != family)
            {
                errors.Add(new SpecError($"$.tasks[{i}]", $"'{task.Id}' is of family '{task.Family.Id}', not '{family.Id}': the lines of one sequence share a question format"));
            }
            else
            {
                tasks.Add(task);
            }
        }

        RegimeErrors(spec.Regime, errors);
        TrainingErrors(spec, errors);
        var sizes = SizeErrors(spec, errors);
        MemoryErrors(spec, sizes, availableMemoryBytes, errors);
        if (spec.Examples.Min > spec.Examples.Max)
        {
            errors.Add(new SpecError("$.examples", $"min {spec.Examples.Min} is more than max {spec.Examples.Max}"));
        }

        if (family is null || tasks.Count != spec.Tasks.Count)
        {
            return errors;
        }

        var pool = PoolErrors(spec.Inputs, family, errors);
        if (pool is null || spec.Examples.Min > spec.Examples.Max)
        {
            return errors;
        }

        if (!family.ExamplesRepeatQuestions && spec.Examples.Max + 1 > pool.Count)
        {
            errors.Add(new SpecError("$.examples.max", $"{spec.Examples.Max} examples and a query line need {spec.Examples.Max + 1} distinct questions (the '{family.Id}' family never repeats a question in a sequence); the input pool has {pool.Count}"));
            return errors;
        }

        var longest = SequenceLengths.Longest(tasks, pool, spec.Regime.Kind, spec.Examples.Max);
        foreach (var (path, size) in sizes)
        {
            if (size.Context < longest)
            {
                errors.Add(new SpecError($"{path}.context", $"{size.Context} positions are too few: the longest sequence this spec can produce has {longest} tokens ({spec.Examples.Max} examples and a query line, each \"question{family.Separator}answer\\n\" in UTF-8 bytes)"));
            }
        }

        return errors;
    }

    private static void RegimeErrors(TrainingRegime regime, List<SpecError> errors)
    {
        if (regime.Kind == RegimeKind.SingleTask && regime.Alpha is not null)
        {
            errors.Add(new SpecError("$.regime.alpha", "is only for the dirichlet regime"));
        }

        if (regime.Kind == RegimeKind.SingleTask && regime.Counts is not null)
        {
            errors.Add(new SpecError("$.regime.counts", "is only for the dirichlet regime"));
        }
    }

    private static void TrainingErrors(TrainingSpec spec, List<SpecError> errors)
    {
        var training = spec.Training;
        switch (training.Steps, training.BudgetMinutes)
        {
            case ({ }, { }):
                errors.Add(new SpecError("$.training", "give either steps or budgetMinutes, not both"));
                return;
            case (null, null):
                errors.Add(new SpecError("$.training", "one of steps or budgetMinutes is required"));
                return;
        }

        // A budget's steps are known only once measured: TrainingPlan checks them then.
        if (training.Steps is not { } steps)
        {
            return;
        }

        if (training.WarmupSteps > steps)
        {
            errors.Add(new SpecError("$.training.warmupSteps", $"{training.WarmupSteps} warmup steps exceed the {steps} steps"));
        }

        if ((long)steps * training.Batch > int.MaxValue && spec.Sequences is null)
        {
            errors.Add(new SpecError("$.sequences", "steps × batch is too many sequences to generate: give a number of sequences"));
        }
    }

    private static List<(string Path, ModelSize Size)> SizeErrors(TrainingSpec spec, List<SpecError> errors)
    {
        var sizes = new List<(string Path, ModelSize Size)>();
        if (spec.Model is not null && spec.Sizes is not null)
        {
            errors.Add(new SpecError("$.sizes", "give either model (one size) or sizes (a sweep), not both"));
            return sizes;
        }

        if (spec.Model is not null)
        {
            sizes.Add(("$.model", spec.Model));
        }
        else if (spec.Sizes is not null)
        {
            sizes.AddRange(spec.Sizes.Select((s, i) => ($"$.sizes[{i}]", s)));
        }
        else
        {
            errors.Add(new SpecError("$.model", "is required (or sizes, for a sweep)"));
            return sizes;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, size) in sizes)
        {
            if (size.Name is { } name && spec.Sizes is not null && !names.Add(name))
            {
                errors.Add(new SpecError($"{path}.name", $"size name '{name}' is used twice: each size trains into its own folder"));
            }

            if (size.Width % size.Heads != 0)
            {
                errors.Add(new SpecError($"{path}.heads", $"{size.Heads} heads do not divide the width {size.Width}"));
            }
        }

        return sizes;
    }

    private static void MemoryErrors(TrainingSpec spec, List<(string Path, ModelSize Size)> sizes, long availableMemoryBytes, List<SpecError> errors)
    {
        var allowed = (long)(MemoryShare * availableMemoryBytes);
        foreach (var (path, size) in sizes.Where(s => s.Size.Width % s.Size.Heads == 0))
        {
            var need = size.TrainingMemoryBytes(spec.Training.Batch);
            if (need > allowed)
            {
                errors.Add(new SpecError(path, string.Create(CultureInfo.InvariantCulture,
                    $"this size is too large for memory: {TrainingSpecLoader.Number(size.Parameters)} parameters with batch {spec.Training.Batch} and context {size.Context} need about {Gib(need)} (weights, gradients, AdamW moments and activations), more than {MemoryShare:P0} of the {Gib(availableMemoryBytes)} available")));
            }
        }
    }

    private static string Gib(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB");

    private static IReadOnlyList<string>? PoolErrors(InputPool inputs, TaskFamily family, List<SpecError> errors)
    {
        if (inputs.Questions is not { } questions)
        {
            return inputs.Resolve(family);
        }

        var known = family.AllQuestions.ToHashSet(StringComparer.Ordinal);
        var bad = questions.Select((q, i) => (q, i)).Where(x => !known.Contains(x.q)).ToList();
        foreach (var (question, i) in bad)
        {
            errors.Add(new SpecError($"$.inputs[{i}]", $"'{question}' is not a question of the '{family.Id}' family"));
        }

        return bad.Count == 0 ? questions : null;
    }
}
