using ConsultFlow.Engine.Calendar;

namespace ConsultFlow.Engine.Tests.Calendar;

/// <summary>The loader refuses data that would silently shift deadlines.</summary>
public sealed class CalendarLayerTests
{
    private const string Valid = """
        {
          "schema": 1, "region": "CN", "year": 2030, "version": "cn-2030@test", "source": "test",
          "provisional": false,
          "holidays": [ { "name": "元旦", "from": "2030-01-01", "to": "2030-01-01" } ],
          "workingDays": [ { "date": "2030-01-05", "name": "元旦" } ]
        }
        """;

    [Fact]
    public void Reads_a_valid_file()
    {
        var layer = CalendarLayer.FromJson(Valid, "test");
        layer.Region.Should().Be("CN");
        layer.Year.Should().Be(2030);
        layer.Holidays.Should().ContainSingle().Which.Should().Be(new HolidayRange("元旦", new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 1)));
        layer.WorkingDays.Should().ContainSingle().Which.Date.Should().Be(new DateOnly(2030, 1, 5)); // a Saturday
    }

    [Theory]
    [InlineData("\"2030-01-05\", \"name\"", "\"2030-01-01\", \"name\"")] // working day that is also a holiday (and a Tuesday)
    [InlineData("\"2030-01-05\", \"name\"", "\"2030-01-07\", \"name\"")] // working day on a Monday
    [InlineData("\"to\": \"2030-01-01\"", "\"to\": \"2030-02-30\"")] // no such date
    [InlineData("\"to\": \"2030-01-01\"", "\"to\": \"2029-12-31\"")] // range ends before it starts
    [InlineData("\"from\": \"2030-01-01\"", "\"from\": \"2032-01-01\"")] // far outside the file's year
    [InlineData("\"schema\": 1", "\"schema\": 2")]
    [InlineData("\"region\": \"CN\"", "\"region\": \"cn\"")]
    [InlineData("\"version\": \"cn-2030@test\"", "\"version\": \"\"")]
    [InlineData("\"provisional\": false", "\"provisional\": false, \"holidayz\": []")] // misspelt field
    [InlineData("\"workingDays\": [ { \"date\": \"2030-01-05\", \"name\": \"元旦\" } ]", "\"note\": \"x\"")] // list missing
    [InlineData("{", "[")]
    public void Rejects_malformed_files(string find, string replace)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        json.Should().NotBe(Valid, "the test must actually change the file");
        FluentActions.Invoking(() => CalendarLayer.FromJson(json, "broken.json"))
            .Should().Throw<CalendarDataException>().WithMessage("broken.json*");
    }
}
