namespace Superposition.Collapse;

/// <summary>
/// The draw loop of an <see cref="UrnModel"/>, allocation-free per draw: one uniform per answer (two when the
/// other rate is positive), a linear scan over the k tasks, and for β ≠ 1 one <see cref="Math.Pow(double, double)"/>
/// for the task that grew. Reusable across runs; not thread-safe.
/// </summary>
public sealed class UrnSampler
{
    private readonly double[] _initial;
    private readonly double[] _scale;
    private readonly double[] _weights;
    private readonly double _beta;
    private readonly double _otherRate;
    private readonly bool _plainLinear;

    public UrnSampler(UrnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _initial = [.. model.Initial];
        _beta = model.Beta;
        _otherRate = model.OtherRate;

        // Biases enter as exp(b_i − max b): the shift cancels in the normalisation and keeps weights ≤ n^β.
        var maxBias = model.Biases.Max();
        _scale = [.. model.Biases.Select(b => Math.Exp(b - maxBias))];
        _plainLinear = model.Beta == 1 && _scale.All(s => s == 1);
        _weights = new double[_initial.Length];
    }

    public UrnModel Model { get; }

    /// <summary>
    /// Runs one run of <paramref name="turns"/> answers. Writes the generated count of each task into
    /// <paramref name="taskCounts"/> (length k, overwritten) and, when <paramref name="path"/> is not empty
    /// (length ≥ turns), the answer of each turn: the task index, or −1 for "other". Returns the number of
    /// "other" answers.
    /// </summary>
    public int Run(Random random, int turns, Span<int> taskCounts, Span<int> path = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(turns);
        var k = _initial.Length;
        if (taskCounts.Length != k)
        {
            throw new ArgumentException($"Got room for {taskCounts.Length} counts for {k} tasks.", nameof(taskCounts));
        }

        if (!path.IsEmpty && path.Length < turns)
        {
            throw new ArgumentException($"The path has room for {path.Length} answers, fewer than the {turns} turns.", nameof(path));
        }

        taskCounts.Clear();
        if (_plainLinear && k == 2 && _otherRate == 0 && path.IsEmpty)
        {
            RunTwoTasks(random, turns, taskCounts);
            return 0;
        }

        var recordPath = !path.IsEmpty;
        var other = 0;
        var weights = _weights.AsSpan();
        var total = 0.0;
        for (var i = 0; i < k; i++)
        {
            weights[i] = Weight(i, _initial[i]);
            total += weights[i];
        }

        for (var t = 0; t < turns; t++)
        {
            if (_otherRate > 0 && random.NextDouble() < _otherRate)
            {
                other++;
                if (recordPath)
                {
                    path[t] = -1;
                }

                continue;
            }

            var u = random.NextDouble() * total;
            var chosen = k - 1; // if rounding leaves u ≥ Σ w, the last task takes it
            for (var i = 0; i < k - 1; i++)
            {
                u -= weights[i];
                if (u < 0)
                {
                    chosen = i;
                    break;
                }
            }

            taskCounts[chosen]++;
            if (recordPath)
            {
                path[t] = chosen;
            }

            if (_plainLinear)
            {
                weights[chosen] += 1;
                total += 1;
            }
            else
            {
                weights[chosen] = Weight(chosen, _initial[chosen] + taskCounts[chosen]);

                // Re-summing (k additions) rather than updating the total keeps rounding from accumulating
                // when weights span many orders of magnitude, as they do for β > 1.
                total = 0;
                for (var i = 0; i < k; i++)
                {
                    total += weights[i];
                }
            }
        }

        return other;
    }

    /// <summary>
    /// The loop below for the calibrated two-task urn without other answers or a path, where it is most used
    /// (<c>superposition urn</c>): the same uniforms and the same choices (u − w_0 &lt; 0 exactly when u &lt; w_0, as
    /// a difference of doubles is 0 only for equal ones), with the choice made without a branch, which a random
    /// choice would mispredict half the time.
    /// </summary>
    private void RunTwoTasks(Random random, int turns, Span<int> taskCounts)
    {
        var first = _initial[0];
        var total = _initial[0] + _initial[1];
        var firstCount = 0;
        for (var t = 0; t < turns; t++)
        {
            var isFirst = random.NextDouble() * total < first ? 1 : 0;
            firstCount += isFirst;
            first += isFirst;
            total += 1;
        }

        taskCounts[0] = firstCount;
        taskCounts[1] = turns - firstCount;
    }

    private double Weight(int task, double n) =>
        _scale[task] * (_beta == 1 ? n : Math.Pow(n, _beta));
}
