using System.Globalization;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// The parameters of a reference model: the next answer is task i's with probability proportional to
/// (n_i + <see cref="Alpha"/>)^<see cref="Beta"/> · exp(b_i), scaled by 1 − <see cref="Epsilon"/>; mass
/// <see cref="Epsilon"/> goes to "other" continuations; after any continuation "\n" follows with probability
/// 1 − <see cref="Delta"/> and the end of text with probability <see cref="Delta"/>.
/// </summary>
/// <param name="Name">The model name clients send (a preset name, or the parameterised form).</param>
/// <param name="Beta">Calibration exponent: 1 calibrated, above 1 over-confident, below 1 flattened.</param>
/// <param name="Alpha">Pseudo-count added to every task of the family (0: unseen tasks get no mass).</param>
/// <param name="Epsilon">Mass given to continuations that answer no task.</param>
/// <param name="Delta">Probability that an answer is not followed by "\n" (the text ends instead).</param>
/// <param name="FirstTaskBias">b of the first task of the prompt's family in library order (others 0), in nats.</param>
public sealed record ReferenceModelParameters(string Name, double Beta, double Alpha, double Epsilon, double Delta, double FirstTaskBias)
{
    /// <summary>Prefix of the parameterised model name, e.g. <c>reference:beta=2,alpha=0.5,epsilon=0.1,delta=0,bias=1.1</c>.</summary>
    public const string ParameterisedPrefix = "reference:";

    /// <summary>β 1, α 0, ε 0, δ 0: answers in proportion to the task counts.</summary>
    public static ReferenceModelParameters Calibrated { get; } = new("reference-calibrated", 1, 0, 0, 0, 0);

    /// <summary>β 3: winner-take-more (a nonlinear urn that collapses).</summary>
    public static ReferenceModelParameters Sharp { get; } = new("reference-sharp", 3, 0, 0, 0, 0);

    /// <summary>β 0.5: flattened towards uniform.</summary>
    public static ReferenceModelParameters Flat { get; } = new("reference-flat", 0.5, 0, 0, 0, 0);

    /// <summary>β 1 with b = ln 3 on the family's first task: that task is favoured threefold.</summary>
    public static ReferenceModelParameters Biased { get; } = new("reference-biased", 1, 0, 0, 0, Math.Log(3));

    /// <summary>β 1 with ε 0.78: perfect proportions but only 0.22 of the mass on valid answers (docs/science.md, "Metrics").</summary>
    public static ReferenceModelParameters Leaky { get; } = new("reference-leaky", 1, 0, 0.78, 0, 0);

    /// <summary>The named presets, in the order <c>GET /v1/models</c> lists them.</summary>
    public static IReadOnlyList<ReferenceModelParameters> Presets { get; } = [Calibrated, Sharp, Flat, Biased, Leaky];

    /// <summary>
    /// Resolves a model name: a preset, or <c>reference:key=value,...</c> with keys beta, alpha, epsilon, delta, bias
    /// (each optional, defaults those of <c>reference-calibrated</c>). Returns false with <paramref name="error"/> null
    /// when the name is not a reference model at all, and false with an error naming the bad part when the
    /// parameterised form is malformed.
    /// </summary>
    public static bool TryResolve(string name, out ReferenceModelParameters parameters, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        error = null;
        parameters = Calibrated;
        var preset = Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
        if (preset is not null)
        {
            parameters = preset;
            return true;
        }

        if (!name.StartsWith(ParameterisedPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var (beta, alpha, epsilon, delta, bias) = (1.0, 0.0, 0.0, 0.0, 0.0);
        var body = name[ParameterisedPrefix.Length..];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in body.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"Model '{name}': part '{part}' is not of the form key=value.";
                return false;
            }

            var key = part[..eq];
            var text = part[(eq + 1)..];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                error = $"Model '{name}': value '{text}' of '{key}' is not a finite number.";
                return false;
            }

            if (!seen.Add(key))
            {
                error = $"Model '{name}': '{key}' is given twice.";
                return false;
            }

            switch (key)
            {
                case "beta" when value >= 0: beta = value; break;
                case "alpha" when value >= 0: alpha = value; break;
                case "epsilon" when value is >= 0 and <= 1: epsilon = value; break;
                case "delta" when value is >= 0 and <= 1: delta = value; break;
                case "bias": bias = value; break;
                case "beta" or "alpha":
                    error = $"Model '{name}': '{key}' is {text}; it must be at least 0.";
                    return false;
                case "epsilon" or "delta":
                    error = $"Model '{name}': '{key}' is {text}; it must lie in [0, 1].";
                    return false;
                default:
                    error = $"Model '{name}': unknown parameter '{key}'. Known: beta, alpha, epsilon, delta, bias.";
                    return false;
            }
        }

        parameters = new ReferenceModelParameters(name, beta, alpha, epsilon, delta, bias);
        return true;
    }
}
