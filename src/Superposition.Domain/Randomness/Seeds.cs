using System.Text;
using MathNet.Numerics.Random;

namespace Superposition.Randomness;

/// <summary>
/// Reproducible randomness. Every random draw in the suite comes from a Mersenne Twister (a fixed, published
/// algorithm, unlike <see cref="System.Random"/> whose algorithm may change between .NET versions) seeded by a
/// seed derived from the experiment's seed and the names of what is being drawn.
/// </summary>
public static class Seeds
{
    /// <summary>A 31-bit seed from a base seed and a path of names, stable across runs, machines and versions.</summary>
    public static int Derive(int seed, params ReadOnlySpan<string> path)
    {
        // FNV-1a over the UTF-8 bytes of the path, then a SplitMix64 finaliser to spread the bits.
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var part in path)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            hash = (hash ^ 0xFF) * 1099511628211UL; // separator, so ("ab","c") differs from ("a","bc")
        }

        hash += 0x9E3779B97F4A7C15UL;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (int)(hash & int.MaxValue);
    }

    /// <summary>A generator for one named stream of draws.</summary>
    public static Random Create(int seed, params ReadOnlySpan<string> path) =>
        new MersenneTwister(Derive(seed, path), threadSafe: false);
}
