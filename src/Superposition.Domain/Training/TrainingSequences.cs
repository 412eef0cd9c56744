using System.Globalization;
using MathNet.Numerics.Distributions;
using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Randomness;
using Superposition.Tasks;

namespace Superposition.Training;

/// <summary>
/// The sequences of a training spec, pure and deterministic: sequence i of a stream has its own random generator
/// derived from (seed, stream, i), so any one can be rebuilt alone, and the held-out stream never shares a draw with
/// the training stream. Each sequence: N examples (N uniform in the spec's range), then the query line; questions
/// from the spec's input pool, with replacement where the family's examples repeat questions and otherwise distinct
/// (so the query is never among the examples, as in evaluation prompts).
/// </summary>
public sealed class TrainingSequences
{
    private readonly TrainingSpec _spec;
    private readonly TaskDefinition[] _tasks;
    private readonly string[] _pool;
    private readonly TaskFamily _family;

    /// <param name="spec">A spec validated by <see cref="TrainingSpecLoader"/>.</param>
    public TrainingSequences(TrainingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _tasks = [.. spec.ResolveTasks()];
        _family = _tasks[0].Family;
        _pool = [.. spec.ResolvePool()];
        if (!_family.ExamplesRepeatQuestions && _pool.Length < spec.Examples.Max + 1)
        {
            throw new ArgumentException($"{spec.Examples.Max} examples and a query need {spec.Examples.Max + 1} distinct questions; the pool has {_pool.Length}.", nameof(spec));
        }
    }

    /// <summary>The training sequences 0..count-1.</summary>
    public IEnumerable<TrainingSequence> Training() => Stream(heldout: false, _spec.TrainingSequenceCount
        ?? throw new InvalidOperationException($"Training spec '{_spec.Name}' gives a time budget: its count of sequences follows from a plan (Training(count))."));

    /// <summary>The training sequences 0..<paramref name="count"/>-1 (a planned run's count, or a measurement's prefix).</summary>
    public IEnumerable<TrainingSequence> Training(int count) => Stream(heldout: false, count);

    /// <summary>The held-out sequences 0..count-1 (a stream of their own).</summary>
    public IEnumerable<TrainingSequence> Heldout() => Stream(heldout: true, _spec.Heldout);

    /// <summary>Sequence <paramref name="index"/> of the training or the held-out stream.</summary>
    public TrainingSequence Get(int index, bool heldout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = Seeds.Create(_spec.Seed, "training-sequence", heldout ? "heldout" : "train", index.ToString(CultureInfo.InvariantCulture));
        var examples = _spec.Examples.Min + random.Next(_spec.Examples.Max - _spec.Examples.Min + 1);
        var (proportions, lineTasks) = DrawTasks(examples, random);
        var questions = DrawQuestions(examples + 1, random);
        var lines = new Example[examples + 1];
        for (var i = 0; i <= examples; i++)
        {
            var task = _tasks[lineTasks[i]];
            lines[i] = new Example(task.Id, questions[i], task.Answer(questions[i]));
        }

        var counts = new int[_tasks.Length];
        foreach (var t in lineTasks.Take(examples))
        {
            counts[t]++;
        }

        return new TrainingSequence(index, heldout, [.. _tasks.Select(t => t.Id)], counts, proportions, lines[..examples], lines[examples], _family.Separator);
    }

    private IEnumerable<TrainingSequence> Stream(bool heldout, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Get(i, heldout);
        }
    }

    /// <summary>The proportions, and the task of each of the examples then of the query (the last).</summary>
    private (double[] Proportions, int[] LineTasks) DrawTasks(int examples, Random random)
    {
        var k = _tasks.Length;
        if (_spec.Regime.Kind == RegimeKind.SingleTask)
        {
            var task = random.Next(k);
            var oneHot = new double[k];
            oneHot[task] = 1;
            return (oneHot, [.. Enumerable.Repeat(task, examples + 1)]);
        }

        var alpha = _spec.Regime.Alpha ?? throw new InvalidOperationException("A Dirichlet regime needs alpha.");
        var p = Dirichlet.Sample(random, [.. Enumerable.Repeat(alpha, k)]);
        var sum = p.Sum();
        p = [.. p.Select(x => x / sum)]; // exact normalisation, so the rounding rule sees weights that sum to 1
        int[] tasks;
        if (_spec.Regime.CountRule == DirichletCounts.Multinomial)
        {
            tasks = [.. Enumerable.Range(0, examples + 1).Select(_ => Categorical.Sample(random, p))];
        }
        else
        {
            var counts = ExampleCounts.For(Distribution.Create("dirichlet-draw", p), examples);
            var order = counts.SelectMany((c, task) => Enumerable.Repeat(task, c)).ToArray();
            Shuffle(order, random);
            tasks = [.. order, Categorical.Sample(random, p)];
        }

        return (p, tasks);
    }

    private string[] DrawQuestions(int lines, Random random)
    {
        if (_family.ExamplesRepeatQuestions)
        {
            return [.. Enumerable.Range(0, lines).Select(_ => _pool[random.Next(_pool.Length)])];
        }

        // A partial Fisher-Yates shuffle: the first `lines` questions of a random order, all distinct.
        var indices = Enumerable.Range(0, _pool.Length).ToArray();
        for (var i = 0; i < lines; i++)
        {
            var j = i + random.Next(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return [.. indices.Take(lines).Select(i => _pool[i])];
    }

    private static void Shuffle(int[] items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
