using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

public sealed class PValueTextTests
{
    [Theory]
    [InlineData(0.0, "< 1e-300")]
    [InlineData(7.0212e-12, "7.02E-12")]
    [InlineData(0.5612, "0.561")]
    [InlineData(1.0, "1")]
    public void A_p_value_that_underflowed_is_never_shown_as_zero(double p, string shown) => Assert.Equal(shown, PValueText.Of(p));
}
