using System.Globalization;
using Superposition.Randomness;

namespace Superposition.ModelServer.Sampling;

/// <summary>
/// The random stream of one choice of a request: seeded requests draw choice j of prompt i from a stream derived
/// from (seed, i, j), so that the same request gives the same choices on every run and every backend (the
/// protocol server and a model scored in process draw identically); unseeded ones from a fresh stream.
/// </summary>
public static class ChoiceSeeds
{
    public static Random Random(long? seed, int prompt, int choice) =>
        seed is { } s
            ? Seeds.Create(unchecked((int)(s ^ (s >> 32))), "choice", prompt.ToString(CultureInfo.InvariantCulture), choice.ToString(CultureInfo.InvariantCulture))
            : new Random();
}
