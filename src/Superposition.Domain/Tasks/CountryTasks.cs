using System.Globalization;

namespace Superposition.Tasks;

/// <summary>Country → capital, continent, UPPERCASE, currency code, letter count, first letter, language, Chinese name.</summary>
internal static class CountryTasks
{
    public static IEnumerable<TaskDefinition> Create()
    {
        var byName = CountryTable.All.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var family = new TaskFamily("country", "->", CountryTable.All.Select(c => c.Name).ToArray(), examplesRepeatQuestions: false);

        Country Lookup(string question) => byName.TryGetValue(question, out var c)
            ? c
            : throw new ArgumentException($"'{question}' is not a country of the country table.", nameof(question));

        yield return new("country.capital", family, "Italy->Rome", q => Lookup(q).Capital);
        yield return new("country.continent", family, "Italy->Europe", q => Lookup(q).Continent);
        yield return new("country.uppercase", family, "Italy->ITALY", q => Lookup(q).Name.ToUpperInvariant());
        yield return new("country.currency", family, "Italy->EUR", q => Lookup(q).Currency);
        yield return new("country.letters", family, "Italy->5 letters (letters only, spaces and hyphens not counted)", q => LetterCount(Lookup(q).Name));
        yield return new("country.first-letter", family, "Italy->I", q => Lookup(q).Name[..1]);
        yield return new("country.language", family, "Italy->Italian (national adjective, as in the research note)", q => Lookup(q).Adjective);
        yield return new("country.chinese", family, "Italy->意大利", q => Lookup(q).Chinese);
    }

    private static string LetterCount(string name) =>
        name.Count(char.IsLetter).ToString(CultureInfo.InvariantCulture) + " letters";
}
