using Superposition.ReferenceModel.Model;

namespace Superposition.ReferenceModel.Tests.Model;

public sealed class ReferenceModelParametersTests
{
    [Theory]
    [InlineData("reference-calibrated", 1, 0, 0)]
    [InlineData("reference-sharp", 3, 0, 0)]
    [InlineData("reference-flat", 0.5, 0, 0)]
    [InlineData("reference-leaky", 1, 0, 0.78)]
    public void Presets_resolve_to_the_issue_parameters(string name, double beta, double alpha, double epsilon)
    {
        Assert.True(ReferenceModelParameters.TryResolve(name, out var p, out _));
        Assert.Equal((beta, alpha, epsilon, 0.0), (p.Beta, p.Alpha, p.Epsilon, p.Delta));
    }

    [Fact]
    public void Biased_preset_favours_the_first_task_threefold()
    {
        Assert.True(ReferenceModelParameters.TryResolve("reference-biased", out var p, out _));
        Assert.Equal(3, Math.Exp(p.FirstTaskBias), 12);
    }

    [Fact]
    public void Parameterised_name_sets_every_parameter_and_defaults_the_rest()
    {
        Assert.True(ReferenceModelParameters.TryResolve("reference:beta=2,alpha=0.5,epsilon=0.1,bias=1.5", out var p, out var error));
        Assert.Null(error);
        Assert.Equal((2.0, 0.5, 0.1, 0.0, 1.5), (p.Beta, p.Alpha, p.Epsilon, p.Delta, p.FirstTaskBias));
    }

    [Theory]
    [InlineData("reference:beta=x", "'x'")]
    [InlineData("reference:gamma=1", "'gamma'")]
    [InlineData("reference:epsilon=1.5", "'epsilon'")]
    [InlineData("reference:beta", "'beta'")]
    [InlineData("reference:beta=1,beta=2", "twice")]
    public void Malformed_parameterised_name_is_rejected_naming_the_bad_part(string name, string named)
    {
        Assert.False(ReferenceModelParameters.TryResolve(name, out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_name_is_not_a_reference_model_and_has_no_error()
    {
        Assert.False(ReferenceModelParameters.TryResolve("gpt-4o", out _, out var error));
        Assert.Null(error);
    }
}
