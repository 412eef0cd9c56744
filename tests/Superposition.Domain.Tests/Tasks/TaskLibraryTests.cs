using Superposition.Tasks;

namespace Superposition.Domain.Tests.Tasks;

public sealed class TaskLibraryTests
{
    public static TheoryData<string, string, string> KnownAnswers => new()
    {
        { "country.capital", "Italy", "Rome" },
        { "country.continent", "Italy", "Europe" },
        { "country.uppercase", "Italy", "ITALY" },
        { "country.currency", "Italy", "EUR" },
        { "country.letters", "Italy", "5 letters" },
        { "country.letters", "United States", "12 letters" },
        { "country.first-letter", "Italy", "I" },
        { "country.language", "Italy", "Italian" },
        { "country.language", "Poland", "Polish" },
        { "country.language", "Portugal", "Portuguese" },
        { "country.chinese", "Italy", "意大利" },
        { "country.capital", "Japan", "Tokyo" },
        { "country.currency", "Japan", "JPY" },
        { "country.continent", "Brazil", "South America" },
        { "addition.digits", "23+45", "68" },
        { "addition.english", "23+45", "sixty-eight" },
        { "addition.french", "23+45", "soixante-huit" },
        { "addition.french", "40+31", "soixante et onze" },
        { "addition.french", "40+40", "quatre-vingts" },
        { "addition.french", "90+11", "cent un" },
        { "addition.spanish", "23+45", "sesenta y ocho" },
        { "addition.spanish", "10+11", "veintiuno" },
        { "addition.german", "23+45", "achtundsechzig" },
        { "addition.german", "50+49", "neunundneunzig" },
        { "addition.chinese", "23+45", "六十八" },
        { "addition.chinese", "90+11", "一百零一" },
        { "addition.chinese", "55+55", "一百一十" },
        { "addition.chinese", "56+55", "一百一十一" },
        { "addition.english", "99+99", "one hundred and ninety-eight" },
        { "ab.copy-a", "23@45", "23" },
        { "ab.copy-b", "23@45", "45" },
        { "ab.sum", "23@45", "68" },
        { "word.first-letter", "apple", "a" },
        { "word.last-letter", "apple", "e" },
        { "word.first-letter-upper", "apple", "A" },
        { "word.last-letter-upper", "apple", "E" },
        { "number.identity", "7", "7" },
        { "number.negate", "7", "-7" },
        { "number.increment", "7", "8" },
        { "number.decrement", "7", "6" },
        { "number.double", "7", "14" },
        { "number.square", "7", "49" },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Task_answers_a_known_question_with_its_canonical_answer(string taskId, string question, string expected) =>
        Assert.Equal(expected, TaskLibrary.Get(taskId).Answer(question));

    [Fact]
    public void Library_ships_every_task_the_suite_names_with_a_stable_id()
    {
        string[] expected =
        [
            "country.capital", "country.continent", "country.uppercase", "country.currency", "country.letters",
            "country.first-letter", "country.language", "country.chinese",
            "addition.digits", "addition.english", "addition.french", "addition.spanish", "addition.german", "addition.chinese",
            "ab.copy-a", "ab.copy-b", "ab.sum",
            "word.first-letter", "word.last-letter", "word.first-letter-upper", "word.last-letter-upper",
            "number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square",
        ];
        Assert.Equal(expected, TaskLibrary.All.Select(t => t.Id));
    }

    [Fact]
    public void Every_task_id_starts_with_its_family_id()
    {
        Assert.All(TaskLibrary.All, t => Assert.StartsWith(t.Family.Id + ".", t.Id, StringComparison.Ordinal));
        Assert.Equal(["country", "addition", "ab", "word", "number"], TaskLibrary.Families.Select(f => f.Id));
    }

    [Fact]
    public void Every_task_answers_every_question_of_its_family_with_a_non_empty_single_line()
    {
        foreach (var task in TaskLibrary.All)
        {
            foreach (var question in task.Family.AllQuestions)
            {
                var answer = task.Answer(question);
                Assert.False(string.IsNullOrWhiteSpace(answer), $"{task.Id} gave an empty answer to '{question}'");
                Assert.DoesNotContain('\n', answer);
            }
        }
    }

    [Fact]
    public void Country_table_has_at_least_150_countries_with_unique_names_and_valid_fields()
    {
        var countries = CountryTable.All;
        Assert.True(countries.Count >= 150, $"only {countries.Count} countries");
        Assert.Equal(countries.Count, countries.Select(c => c.Name).Distinct().Count());
        string[] continents = ["Africa", "Asia", "Europe", "North America", "South America", "Oceania"];
        Assert.All(countries, c =>
        {
            Assert.Contains(c.Continent, continents);
            Assert.Matches("^[A-Z]{3}$", c.Currency);
            Assert.NotEqual(c.Name, c.Adjective);
            Assert.All(c.Chinese, ch => Assert.InRange(ch, '\u3400', '\u9FFF'));
        });
    }

    [Fact]
    public void Word_list_has_distinct_lowercase_words()
    {
        var words = WordList.All;
        Assert.True(words.Count >= 300, $"only {words.Count} words");
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.All(words, w => Assert.Matches("^[a-z]{2,}$", w));
    }

    [Fact]
    public void Word_family_asks_only_words_of_two_letters_or_more_whose_first_and_last_letters_differ()
    {
        // The authors' generate_task_first_letter and question_word keep only such words, for examples and question.
        var family = TaskLibrary.Get("word.first-letter").Family;
        static bool Kept(string w) => w.Length > 1 && char.ToLowerInvariant(w[0]) != char.ToLowerInvariant(w[^1]);
        Assert.All(family.AllQuestions, w => Assert.True(Kept(w), $"'{w}' has the same first and last letter, or one letter only"));
        Assert.Equal(WordList.All.Where(Kept), family.ExampleQuestions);
        Assert.DoesNotContain("window", family.AllQuestions);
        Assert.Contains("apple", family.ExampleQuestions);
        Assert.Empty(family.HeldOutQuestions);
    }

    [Fact]
    public void Numbers_family_draws_examples_from_3_to_9_without_5_with_replacement_and_holds_5_out_for_the_final_question()
    {
        var family = TaskLibrary.Get("number.square").Family;
        Assert.Equal(["3", "4", "6", "7", "8", "9"], family.ExampleQuestions);
        Assert.True(family.ExamplesRepeatQuestions);
        Assert.Equal(["5"], family.HeldOutQuestions);
        Assert.Equal(int.MaxValue, family.MaxExamples);
    }

    [Fact]
    public void Families_other_than_numbers_draw_distinct_example_questions_and_hold_none_out()
    {
        Assert.All(TaskLibrary.Families.Where(f => f.Id != "number"), f =>
        {
            Assert.False(f.ExamplesRepeatQuestions, f.Id);
            Assert.Empty(f.HeldOutQuestions);
            Assert.Equal(f.ExampleQuestions.Count - 1, f.MaxExamples);
        });
    }

    [Fact]
    public void Addition_and_ab_families_use_two_digit_operands_and_their_own_separators()
    {
        var addition = TaskLibrary.Get("addition.digits").Family;
        var ab = TaskLibrary.Get("ab.sum").Family;
        Assert.Equal(90 * 90, addition.ExampleQuestions.Count);
        Assert.Equal("10+10", addition.ExampleQuestions[0]);
        Assert.Equal("99@99", ab.ExampleQuestions[^1]);
        Assert.Equal("->", addition.Separator);
        Assert.Equal("=", ab.Separator);
        Assert.Equal("23@45=68", ab.FormatExample("23@45", "68"));
    }

    [Fact]
    public void Unknown_task_id_is_an_error_that_lists_the_known_ids()
    {
        var e = Assert.Throws<ArgumentException>(() => TaskLibrary.Get("country.capitol"));
        Assert.Contains("country.capitol", e.Message, StringComparison.Ordinal);
        Assert.Contains("country.capital", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_outside_the_family_is_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => TaskLibrary.Get("country.capital").Answer("Atlantis"));
        Assert.Contains("Atlantis", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TaskLibrary.Get("ab.sum").Answer("12+13"));
    }
}
