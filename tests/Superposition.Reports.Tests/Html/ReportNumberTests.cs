using Superposition.Reports.Html;

namespace Superposition.Reports.Tests.Html;

public sealed class ReportNumberTests
{
    [Theory]
    [InlineData(-1e-17, "0.0000")]
    [InlineData(-0.0, "0.0000")]
    [InlineData(-0.00004, "0.0000")]
    [InlineData(-0.00006, "-0.0001")]
    [InlineData(-0.0812, "-0.0812")]
    [InlineData(1.51412, "1.5141")]
    public void A_report_number_that_rounds_to_zero_has_no_sign_and_a_negative_one_keeps_it(double value, string shown) =>
        Assert.Equal(shown, ReportNumber.Format(value));

    [Fact]
    public void A_probability_vector_shows_a_cancelled_zero_without_a_sign() =>
        Assert.Equal("[0.5000, 0.0000, 5.0E-5]", ReportNumber.Vector([0.5, -1e-18, 5e-5]));
}
