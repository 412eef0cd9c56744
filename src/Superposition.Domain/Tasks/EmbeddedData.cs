namespace Superposition.Tasks;

/// <summary>Reads the data files the domain ships as embedded resources.</summary>
internal static class EmbeddedData
{
    public static IReadOnlyList<string> ReadLines(string fileName)
    {
        var name = "Superposition.Tasks.Data." + fileName;
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {typeof(EmbeddedData).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
