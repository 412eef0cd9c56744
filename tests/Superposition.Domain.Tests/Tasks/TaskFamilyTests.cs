using Superposition.Tasks;

namespace Superposition.Domain.Tests.Tasks;

public sealed class TaskFamilyTests
{
    private static readonly string[] Dice = ["1", "2", "3", "4", "5", "6"];

    [Fact]
    public void A_family_whose_examples_repeat_questions_and_that_holds_none_out_is_rejected_saying_why()
    {
        // Its final question would be drawn from questions the examples may all have used.
        var e = Assert.Throws<ArgumentException>(() => new TaskFamily("dice", "->", Dice, examplesRepeatQuestions: true));
        Assert.Equal("heldOutQuestions", e.ParamName);
        Assert.Contains("'dice' family's examples repeat its questions and it holds none out", e.Message, StringComparison.Ordinal);
        Assert.Contains("final question could be among a prompt's examples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_out_question_that_is_also_an_example_question_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TaskFamily("dice", "->", Dice, examplesRepeatQuestions: true, heldOutQuestions: ["7", "3"]));
        Assert.Contains("'3' is both an example question and a held-out question of the 'dice' family", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_listed_twice_is_rejected_as_draws_without_replacement_would_repeat_it()
    {
        var examples = Assert.Throws<ArgumentException>(() => new TaskFamily("dice", "->", ["1", "2", "1"], examplesRepeatQuestions: false));
        Assert.Contains("example question '1' twice", examples.Message, StringComparison.Ordinal);
        var heldOut = Assert.Throws<ArgumentException>(() => new TaskFamily("dice", "->", Dice, examplesRepeatQuestions: true, heldOutQuestions: ["7", "7"]));
        Assert.Contains("held-out question '7' twice", heldOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_family_needs_an_example_question()
    {
        var e = Assert.Throws<ArgumentException>(() => new TaskFamily("empty", "->", [], examplesRepeatQuestions: false, heldOutQuestions: ["x"]));
        Assert.Contains("'empty' family needs at least one example question", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_questions_are_the_example_questions_then_the_held_out_ones()
    {
        var family = new TaskFamily("dice", "->", Dice, examplesRepeatQuestions: true, heldOutQuestions: ["7", "8"]);
        Assert.Equal([.. Dice, "7", "8"], family.AllQuestions);
    }

    [Theory]
    [InlineData(false, new string[0], 5)]
    [InlineData(false, new[] { "7" }, 6)]
    [InlineData(true, new[] { "7" }, int.MaxValue)]
    public void Max_examples_leaves_a_question_for_the_final_line_unless_one_is_held_out(bool repeat, string[] heldOut, int expected)
    {
        var family = new TaskFamily("dice", "->", Dice, repeat, heldOut);
        Assert.Equal(expected, family.MaxExamples);
        Assert.Null(family.ExamplesProblem(expected));
        if (expected < int.MaxValue)
        {
            Assert.Contains("the 'dice' family has 6", family.ExamplesProblem(expected + 1), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Too_many_examples_for_a_family_with_held_out_questions_name_the_example_questions_needed()
    {
        var family = new TaskFamily("dice", "->", Dice, examplesRepeatQuestions: false, heldOutQuestions: ["7"]);
        Assert.Equal("7 examples need 7 distinct example questions (the final question is held out); the 'dice' family has 6", family.ExamplesProblem(7));
    }
}
