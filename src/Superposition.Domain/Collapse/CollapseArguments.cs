namespace Superposition.Collapse;

/// <summary>Argument checks shared by the collapse maths; every message names the parameter and the bad value.</summary>
internal static class CollapseArguments
{
    public static double[] InitialCounts(IReadOnlyList<double>? initial, string parameterName, int minimumTasks = 1)
    {
        if (initial is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (initial.Count < minimumTasks)
        {
            throw new ArgumentException($"Initial counts need at least {minimumTasks} task(s); got {initial.Count}.", parameterName);
        }

        var copy = new double[initial.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var a = initial[i];
            if (!double.IsFinite(a) || a <= 0)
            {
                throw new ArgumentException($"Initial count {i} is {a}: initial counts must be positive and finite.", parameterName);
            }

            copy[i] = a;
        }

        return copy;
    }

    public static void SameTaskCount(int counts, int tasks, string parameterName)
    {
        if (counts != tasks)
        {
            throw new ArgumentException($"Got {counts} counts for {tasks} tasks: one count per task.", parameterName);
        }
    }
}
