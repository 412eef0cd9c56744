using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(-1e-17, "F4", "0.0000")]
    [InlineData(-0.0, "F4", "0.0000")]
    [InlineData(-0.00004, "F4", "0.0000")]
    [InlineData(-0.00006, "F4", "-0.0001")]
    [InlineData(-0.0004, "0.###", "0")]
    [InlineData(-0.0, "R", "0")]
    [InlineData(-1e-17, "R", "-1E-17")]
    [InlineData(1.5, "F4", "1.5000")]
    public void A_number_that_rounds_to_zero_is_written_without_a_sign_and_any_other_keeps_it(double value, string format, string shown) =>
        Assert.Equal(shown, NumberText.Of(value, format));

    [Theory]
    [InlineData("-0", "0")]
    [InlineData("-0.00", "0.00")]
    [InlineData("-0.05", "-0.05")]
    [InlineData("-", "-")]
    [InlineData("-1E-17", "-1E-17")]
    public void Text_whose_digits_are_all_zero_loses_its_minus(string text, string shown) =>
        Assert.Equal(shown, NumberText.WithoutSignedZero(text));
}
