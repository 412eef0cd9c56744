namespace Superposition.Cli.Tests.Output;

public sealed class FormatTests
{
    [Theory]
    [InlineData(-1e-17, "0.000")]
    [InlineData(-0.0, "0.000")]
    [InlineData(-0.0004, "0.000")]
    [InlineData(-0.0006, "-0.001")]
    [InlineData(0.1234, "0.123")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void Numbers_that_round_to_zero_carry_no_sign_and_infinity_is_a_symbol(double value, string shown) =>
        Assert.Equal(shown, Format.Number(value, "0.000"));
}
