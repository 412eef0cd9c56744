using Superposition.Specs;

namespace Superposition.Domain.Tests.Specs;

/// <summary>
/// Each fig2 preset is one of the authors' configs (github.com/edixiong/task-superposition, <c>config/*.yaml</c>)
/// written as a spec: their tasks in their order, their number of examples, a uniform mixture, 100 prompts
/// (<c>num_exper</c>), seed 0 and their separator.
/// </summary>
public sealed class Fig2PresetTests
{
    public static TheoryData<string, string[], int, string, string> AuthorsConfigs => new()
    {
        // config/country.yaml: country_capital, country_continent, country_upper; symbol2 "->".
        { "fig2-country", ["country.capital", "country.continent", "country.uppercase"], 60, "->", "Italy" },

        // config/add_translate.yaml: AplusB_t in "or" (digits), "en", "fr", "es"; symbol "+", symbol2 "->".
        { "fig2-add-translate", ["addition.digits", "addition.english", "addition.french", "addition.spanish"], 80, "->", "23+45" },

        // config/word.yaml: first_letter, last_letter, first_letter_cap, last_letter_cap; symbol2 "->".
        { "fig2-word", ["word.first-letter", "word.last-letter", "word.first-letter-upper", "word.last-letter-upper"], 80, "->", "apple" },

        // config/AB.yaml: copyA, copyB, AplusB with the defaults symbol "@", symbol2 "=".
        { "fig2-ab", ["ab.copy-a", "ab.copy-b", "ab.sum"], 60, "=", "23@45" },
    };

    [Theory]
    [MemberData(nameof(AuthorsConfigs))]
    public void Fig2_preset_equals_the_authors_config_of_the_same_name(string name, string[] tasks, int examples, string separator, string question)
    {
        var spec = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", name + ".json"));

        Assert.Equal(name, spec.Name);
        Assert.Equal(ExperimentKind.Calibration, spec.Kind);
        Assert.Equal(tasks, spec.Tasks);
        Assert.Equal((examples, 100, 0), (spec.Examples, spec.Prompts, spec.Seed));
        var uniform = Assert.Single(spec.ResolveDistributions());
        Assert.Equal("D1", uniform.Name);
        Assert.All(uniform.Weights, w => Assert.Equal(1.0 / tasks.Length, w, 12));
        var family = spec.ResolveTasks()[0].Family;
        Assert.Equal(separator, family.Separator);
        Assert.All(spec.ResolveTasks(), t => t.Answer(question));
    }

    [Fact]
    public void Every_fig2_preset_is_one_of_the_authors_configs()
    {
        var presets = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "experiments"), "fig2*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["fig2-ab", "fig2-add-translate", "fig2-country", "fig2-word"], presets);
    }
}
