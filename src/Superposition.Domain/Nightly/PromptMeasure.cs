using System.Globalization;
using Superposition.Randomness;
using Superposition.Results;

namespace Superposition.Nightly;

/// <summary>
/// One prompt's headline measures in one run (P(answer + "\n"), the suite's measure): what the nightly drift test
/// compares between runs.
/// </summary>
/// <param name="Id">The prompt's identity across runs (<see cref="IdOf"/>): equal ids are the same prompt.</param>
/// <param name="KlRaw">KL_raw; +∞ when some task got probability 0.</param>
/// <param name="KlNormalized">KL_norm; +∞ likewise.</param>
/// <param name="ValidMass">Probability mass on the tasks' answers.</param>
public sealed record PromptMeasure(string Id, double KlRaw, double KlNormalized, double ValidMass)
{
    /// <summary>
    /// The prompt's index and a fingerprint of what it asked (question and example counts): the same spec and seed
    /// give the same ids, so two runs of one nightly experiment pair up, while a prompt that differs under the same
    /// index (an edited spec) does not pass for the same prompt.
    /// </summary>
    public static string IdOf(PromptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var counts = string.Join(",", result.Counts.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        var fingerprint = Seeds.Derive(result.PromptIndex, result.Distribution, result.Question, counts);
        return result.PromptIndex.ToString("D5", CultureInfo.InvariantCulture) + "." + fingerprint.ToString("x8", CultureInfo.InvariantCulture);
    }
}
