namespace Superposition.Tasks;

/// <summary>The country table the project authors as its own data: one canonical answer per field.</summary>
public static class CountryTable
{
    private static readonly Lazy<IReadOnlyList<Country>> Rows = new(Load);

    public static IReadOnlyList<Country> All => Rows.Value;

    private static IReadOnlyList<Country> Load()
    {
        var lines = EmbeddedData.ReadLines("countries.csv");
        const string header = "name,capital,continent,currency,adjective,chinese";
        if (lines.Count == 0 || lines[0] != header)
        {
            throw new InvalidDataException($"countries.csv must start with the header '{header}'.");
        }

        var rows = new List<Country>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 6 || f.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidDataException($"countries.csv line {i + 1} must have 6 non-empty fields: '{lines[i]}'.");
            }

            rows.Add(new Country(f[0], f[1], f[2], f[3], f[4], f[5]));
        }

        return rows;
    }
}
