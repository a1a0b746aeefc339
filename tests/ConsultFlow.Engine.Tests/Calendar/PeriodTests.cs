using System.Text.Json;
using ConsultFlow.Engine.Calendar;

namespace ConsultFlow.Engine.Tests.Calendar;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("24h", 24, PeriodUnit.Hours)]
    [InlineData("3d", 3, PeriodUnit.CalendarDays)]
    [InlineData("3wd", 3, PeriodUnit.WorkingDays)]
    [InlineData("2mo", 2, PeriodUnit.Months)]
    [InlineData(" 15WD ", 15, PeriodUnit.WorkingDays)]
    [InlineData("07d", 7, PeriodUnit.CalendarDays)]
    public void Parses_the_compact_form(string text, int amount, PeriodUnit unit)
    {
        Period.Parse(text).Should().Be(new Period(amount, unit));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("3")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("+1d")]
    [InlineData("3 d")]
    [InlineData("3x")]
    [InlineData("3days")]
    [InlineData("1.5h")]
    [InlineData("99999999999h")]
    public void Rejects_anything_else(string text)
    {
        Period.TryParse(text, out var period).Should().BeFalse();
        period.Should().BeNull();
        FluentActions.Invoking(() => Period.Parse(text)).Should().Throw<FormatException>();
    }

    [Fact]
    public void Rejects_null()
    {
        Period.TryParse(null, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("24h")]
    [InlineData("3d")]
    [InlineData("5wd")]
    [InlineData("2mo")]
    public void Formats_back_to_the_compact_form(string text)
    {
        Period.Parse(text).ToString().Should().Be(text);
    }

    [Fact]
    public void Amount_below_one_is_rejected()
    {
        FluentActions.Invoking(() => new Period(0, PeriodUnit.Hours)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new Period(1, (PeriodUnit)42)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Serializes_to_amount_and_unit_by_name()
    {
        JsonSerializer.Serialize(Period.WorkingDays(3)).Should().Be("""{"amount":3,"unit":"WorkingDays"}""");
    }

    [Theory]
    [InlineData("""{"amount":24,"unit":"Hours"}""", "24h")]
    [InlineData("""{"amount":3,"unit":"calendarDays"}""", "3d")]
    [InlineData("""{"unit":"Months","amount":2}""", "2mo")]
    public void Deserializes_from_amount_and_unit(string json, string expected)
    {
        JsonSerializer.Deserialize<Period>(json).Should().Be(Period.Parse(expected));
    }

    [Fact]
    public void Deserializing_an_invalid_amount_fails()
    {
        FluentActions.Invoking(() => JsonSerializer.Deserialize<Period>("""{"amount":0,"unit":"Hours"}"""))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}
