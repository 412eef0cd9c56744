namespace Superposition.Collapse;

/// <summary>
/// An urn that answers task i with probability ∝ n_i^β · exp(b_i), where n_i = a_i + (task-i answers so far),
/// and with probability ε gives an "other" answer that joins no task. β = 1 with equal biases is the calibrated
/// (linear) Pólya urn; β &gt; 1 is winner-take-more (collapse); β &lt; 1 pulls shares towards equal.
/// </summary>
public sealed record UrnModel
{
    /// <summary>Largest β accepted: keeps n^β inside the range of a double for any realistic n (10^7^20 = 10^140).</summary>
    public const double MaxBeta = 20;

    /// <summary>Largest |b_i| accepted: exp(100) ≈ 10^43, again so that weights stay finite.</summary>
    public const double MaxBias = 100;

    /// <summary>Creates an urn; the exception names the parameter that is out of range.</summary>
    /// <param name="initial">Initial counts a_i, positive reals, at least two tasks.</param>
    /// <param name="beta">Calibration exponent β in [0, <see cref="MaxBeta"/>]; default 1 (calibrated).</param>
    /// <param name="biases">Task biases b_i (natural log scale), one per task; default all 0.</param>
    /// <param name="otherRate">Probability ε in [0, 1) that a turn's answer joins no task; default 0.</param>
    public UrnModel(IReadOnlyList<double> initial, double beta = 1, IReadOnlyList<double>? biases = null, double otherRate = 0)
    {
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        if (!double.IsFinite(beta) || beta < 0 || beta > MaxBeta)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"The exponent beta must lie in [0, {MaxBeta}].");
        }

        var b = new double[a.Length];
        if (biases is not null)
        {
            CollapseArguments.SameTaskCount(biases.Count, a.Length, nameof(biases));
            for (var i = 0; i < b.Length; i++)
            {
                if (!double.IsFinite(biases[i]) || Math.Abs(biases[i]) > MaxBias)
                {
                    throw new ArgumentException($"Bias {i} is {biases[i]}: biases must be finite with |b| ≤ {MaxBias}.", nameof(biases));
                }

                b[i] = biases[i];
            }
        }

        if (!double.IsFinite(otherRate) || otherRate < 0 || otherRate >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(otherRate), otherRate, "The other-answer rate must lie in [0, 1).");
        }

        Initial = a;
        Beta = beta;
        Biases = b;
        OtherRate = otherRate;
    }

    public IReadOnlyList<double> Initial { get; }

    public double Beta { get; }

    public IReadOnlyList<double> Biases { get; }

    public double OtherRate { get; }

    public int Tasks => Initial.Count;

    /// <summary>
    /// Whether the task answers follow the calibrated Pólya urn, i.e. Dirichlet-multinomial: β = 1 and all
    /// biases equal (a common bias cancels in the normalisation). "Other" answers do not change this.
    /// </summary>
    public bool IsLinear => Beta == 1 && Biases.All(b => b == Biases[0]);

    /// <summary>The calibrated urn from these initial counts.</summary>
    public static UrnModel Linear(IReadOnlyList<double> initial) => new(initial);

    public bool Equals(UrnModel? other) =>
        other is not null && Beta == other.Beta && OtherRate == other.OtherRate
        && Initial.SequenceEqual(other.Initial) && Biases.SequenceEqual(other.Biases);

    public override int GetHashCode() => HashCode.Combine(Beta, OtherRate, Initial.Count);
}
