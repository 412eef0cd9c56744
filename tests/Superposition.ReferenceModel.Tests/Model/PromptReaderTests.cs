using Superposition.ReferenceModel.Model;
using Superposition.Tasks;

namespace Superposition.ReferenceModel.Tests.Model;

public sealed class PromptReaderTests
{
    [Theory]
    [InlineData("D1")]
    [InlineData("D2")]
    [InlineData("D3")]
    public void Reader_recovers_the_generators_task_counts_from_the_text_alone(string distribution)
    {
        var prompt = Fig6.Prompt(distribution);
        var context = PromptReader.Read(prompt.Text);

        Assert.NotNull(context);
        Assert.Equal("country", context.Family.Id);
        Assert.Equal(prompt.Question, context.Question);
        var family = TaskLibrary.InFamily(context.Family).Select(t => t.Id).ToList();
        for (var i = 0; i < prompt.Tasks.Count; i++)
        {
            Assert.Equal(prompt.Counts[i], context.Counts[family.IndexOf(prompt.Tasks[i])], 12);
        }

        Assert.Equal(60, context.Attributed);
    }

    [Fact]
    public void Example_consistent_with_two_tasks_counts_half_for_each()
    {
        // 23@23=23 is what copy-a and copy-b both answer; 12@34=12 is copy-a only.
        var context = PromptReader.Read("23@23=23\n12@34=12\n45@67=");

        Assert.NotNull(context);
        Assert.Equal([1.5, 0.5, 0.0], context.Counts);
    }

    [Fact]
    public void Numbers_prompt_asking_the_held_out_5_is_read_as_the_numbers_family()
    {
        // The generator asks 5 after examples of x in {3, 4, 6, 7, 8, 9}: the reader must know 5 as a question.
        var context = PromptReader.Read("3->4\n7->8\n9->81\n6->6\n5->");

        Assert.NotNull(context);
        Assert.Equal("number", context.Family.Id);
        Assert.Equal("5", context.Question);
        Assert.Equal([1.0, 0.0, 2.0, 0.0, 0.0, 1.0], context.Counts);
    }

    [Theory]
    [InlineData("Hello, how are you?")]
    [InlineData("France->Paris\nAtlantis->")]
    [InlineData("France->Paris\n")]
    public void Unparseable_prompt_has_no_context(string text) => Assert.Null(PromptReader.Read(text));
}
