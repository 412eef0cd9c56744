using Superposition.ReferenceModel.Model;
using Superposition.Tasks;

namespace Superposition.ReferenceModel.Tests.Model;

public sealed class TokenTrieTests
{
    [Theory]
    [InlineData("reference-calibrated")]
    [InlineData("reference-sharp")]
    [InlineData("reference-flat")]
    [InlineData("reference-biased")]
    [InlineData("reference-leaky")]
    [InlineData("reference:beta=2,alpha=0.5,epsilon=0.1,delta=0.2,bias=0.7")]
    public void Product_of_token_probabilities_along_each_answer_and_newline_is_its_designed_probability(string name)
    {
        var model = ModelProbe.Model(name);
        var p = model.Parameters;
        foreach (var distribution in new[] { "D1", "D2", "D3" })
        {
            var prompt = Fig6.Prompt(distribution);
            var designed = Fig6.Designed(prompt, p);
            for (var i = 0; i < designed.Length; i++)
            {
                var expected = designed[i] * (1 - p.Delta);
                var answer = prompt.Candidates[i].Answer + "\n";
                Assert.Equal(expected, ModelProbe.Walk(model, prompt.Text, prompt.Candidates[i].Answer, newline: true), 1e-9);
                Assert.Equal(expected, Math.Exp(ModelProbe.TeacherForced(model, prompt.Text, answer)), 1e-9);
            }
        }
    }

    [Fact]
    public void Leaky_model_puts_0_22_of_the_mass_on_valid_answers()
    {
        var model = ModelProbe.Model("reference-leaky");
        var prompt = Fig6.Prompt("D1");
        var valid = prompt.Candidates.Sum(c => ModelProbe.Walk(model, prompt.Text, c.Answer, newline: true));
        var other = AnswerDistribution.OtherContinuations.Sum(o => ModelProbe.Walk(model, prompt.Text, o, newline: true));
        Assert.Equal(0.22, valid, 1e-9);
        Assert.Equal(0.78, other, 1e-9);
    }

    [Fact]
    public void Prefix_answer_with_newline_keeps_its_own_mass_and_without_newline_includes_its_extensions()
    {
        // first-letter "I" and language "Icelandic" share the token "I"; 3 first-letter and 1 language example.
        var letter = TaskLibrary.Get("country.first-letter");
        var language = TaskLibrary.Get("country.language");
        var text = string.Concat(new[] { "France", "Spain", "Italy" }.Select(c => $"{c}->{letter.Answer(c)}\n")) + $"Germany->{language.Answer("Germany")}\nIceland->";
        var model = ModelProbe.Model("reference-calibrated");

        Assert.Equal(0.75, ModelProbe.Walk(model, text, "I", newline: true), 12);
        Assert.Equal(0.25, ModelProbe.Walk(model, text, "Icelandic", newline: true), 12);
        Assert.Equal(1.0, ModelProbe.Walk(model, text, "I", newline: false), 12); // the paper's mode counts "Icelandic" in P("I")
        Assert.Equal(0.75, Math.Exp(ModelProbe.TeacherForced(model, text, "I\n")), 12);
    }

    [Fact]
    public void Delta_sends_the_rest_of_an_ended_answer_to_the_end_of_text()
    {
        var model = ModelProbe.Model("reference:delta=0.25");
        var prompt = Fig6.Prompt("D1");
        var node = model.Score(model.Tokenizer.Encode(prompt.Text + prompt.Candidates[0].Answer)).Continue;
        Assert.Equal(0.75, node.ProbabilityOf(model.Tokenizer.Newline), 12);
        Assert.Equal(0.25, node.ProbabilityOf(model.Tokenizer.EndOfText), 12);
    }

    [Fact]
    public void Unparseable_prompt_is_answered_by_the_fallback_continuations_equally()
    {
        var model = ModelProbe.Model("reference-calibrated");
        foreach (var other in AnswerDistribution.OtherContinuations)
        {
            Assert.Equal(1.0 / AnswerDistribution.OtherContinuations.Count, ModelProbe.Walk(model, "Tell me a story", other, newline: true), 12);
        }
    }

    [Fact]
    public void Every_example_answer_in_the_prompt_is_scored_from_the_examples_before_it()
    {
        // Line 2's answer "Rome" is capital; after one capital example the calibrated model gives capital probability 1.
        var model = ModelProbe.Model("reference-calibrated");
        Assert.Equal(0.0, ModelProbe.TeacherForced(model, "France->Paris\nItaly->", "Rome\n"), 12);
    }

    [Fact]
    public void Scoring_from_the_cached_prompt_checkpoint_equals_scoring_from_scratch()
    {
        var prompt = Fig6.Prompt("D2", index: 3);
        var warm = ModelProbe.Model("reference-sharp");
        foreach (var c in prompt.Candidates)
        {
            warm.Score(warm.Tokenizer.Encode(prompt.Text + c.Answer + "\n")); // fills the checkpoint of this prompt
        }

        var ids = warm.Tokenizer.Encode(prompt.Text + prompt.Candidates[4].Answer + "\n");
        var cached = warm.Score(ids).Tokens.Select(t => t.Logprob).ToArray();
        var fresh = ModelProbe.Model("reference-sharp").Score(ids).Tokens.Select(t => t.Logprob).ToArray();
        Assert.Equal(fresh, cached);
        Assert.Equal(ids.Length, cached.Length);
        Assert.True(cached.Count(l => l is { } v && v != ReferenceLanguageModel.FreeTextLogprob) > 60); // every example's answer is scored
    }
}
