using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsultFlow.Engine.Calendar;

namespace ConsultFlow.Engine.Tests.Calendar;

/// <summary>
/// The embedded data files, read as raw JSON (independently of the loader): present, well-formed, self-consistent.
/// </summary>
public sealed partial class CalendarDataTests
{
    private static readonly string[] ExpectedFiles =
        ["cn-2024", "cn-2025", "cn-2026", "cn-nx-2024", "cn-nx-2025", "cn-nx-2026"];

    public static TheoryData<string> Files() => [.. ExpectedFiles];

    [Fact]
    public void Every_expected_file_is_embedded()
    {
        var names = WorkingDayCalendar.EmbeddedDataFiles(typeof(WorkingDayCalendar).Assembly);
        names.Should().BeEquivalentTo(ExpectedFiles.Select(f => $"{WorkingDayCalendar.ResourcePrefix}{f}.json"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Header_matches_the_file_name(string file)
    {
        using var doc = Read(file);
        var root = doc.RootElement;
        var year = int.Parse(file[^4..], CultureInfo.InvariantCulture);
        var region = file[..^5].ToUpperInvariant();

        root.GetProperty("schema").GetInt32().Should().Be(1);
        root.GetProperty("region").GetString().Should().Be(region);
        root.GetProperty("year").GetInt32().Should().Be(year);
        root.GetProperty("version").GetString().Should().StartWith(file + "@");
        root.GetProperty("source").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_date_is_a_real_date_and_ranges_are_ordered(string file)
    {
        using var doc = Read(file);
        foreach (var holiday in doc.RootElement.GetProperty("holidays").EnumerateArray())
        {
            var from = RealDate(holiday.GetProperty("from").GetString());
            var to = RealDate(holiday.GetProperty("to").GetString());
            to.Should().BeOnOrAfter(from);
            (to.DayNumber - from.DayNumber).Should().BeLessThan(10, "no holiday block is longer than 9 days");
            ChineseName().IsMatch(holiday.GetProperty("name").GetString()!).Should().BeTrue("holiday names are in Chinese");
        }

        foreach (var working in doc.RootElement.GetProperty("workingDays").EnumerateArray())
        {
            RealDate(working.GetProperty("date").GetString());
            ChineseName().IsMatch(working.GetProperty("name").GetString()!).Should().BeTrue();
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Adjusted_working_days_fall_on_weekends_and_are_never_holidays(string file)
    {
        using var doc = Read(file);
        var holidays = new HashSet<DateOnly>();
        foreach (var holiday in doc.RootElement.GetProperty("holidays").EnumerateArray())
        {
            var from = RealDate(holiday.GetProperty("from").GetString());
            var to = RealDate(holiday.GetProperty("to").GetString());
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                holidays.Add(day);
            }
        }

        foreach (var working in doc.RootElement.GetProperty("workingDays").EnumerateArray())
        {
            var date = RealDate(working.GetProperty("date").GetString());
            date.DayOfWeek.Should().BeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
            holidays.Should().NotContain(date);
        }
    }

    // Totals worked out by hand from the notices' "共N天" and their lists of 上班 days.
    [Theory]
    [InlineData(2024, 28, 8)] // 1+8+3+5+1+3+7 days off; 2/4 2/18 4/7 4/28 5/11 9/14 9/29 10/12
    [InlineData(2025, 28, 5)] // 1+8+3+5+3+8; 1/26 2/8 4/27 9/28 10/11
    [InlineData(2026, 33, 6)] // 3+9+3+5+3+3+7; 1/4 2/14 2/28 5/9 9/20 10/10
    public void National_years_are_published_and_complete(int year, int holidayDays, int adjustedWorkingDays)
    {
        var layer = TestCalendar.Embedded.Layers.Single(l => l.Region == "CN" && l.Year == year);
        layer.Provisional.Should().BeFalse();
        layer.Source.Should().Contain("国办发明电");
        layer.Holidays.Sum(h => h.To.DayNumber - h.From.DayNumber + 1).Should().Be(holidayDays);
        layer.WorkingDays.Should().HaveCount(adjustedWorkingDays);
    }

    [Theory]
    [InlineData(2024, "国办发明电〔2023〕7号")]
    [InlineData(2025, "国办发明电〔2024〕12号")]
    [InlineData(2026, "国办发明电〔2025〕7号")]
    public void National_years_cite_their_notice(int year, string notice)
    {
        TestCalendar.Embedded.Layers.Single(l => l.Region == "CN" && l.Year == year).Source.Should().Contain(notice);
    }

    [Fact]
    public void Ningxia_layers_are_marked_provisional_until_checked_against_the_notice()
    {
        var ningxia = TestCalendar.Embedded.Layers.Where(l => l.Region == "CN-NX").ToList();
        ningxia.Select(l => l.Year).Should().BeEquivalentTo([2024, 2025, 2026]);
        ningxia.Should().OnlyContain(l => l.Provisional);
        ningxia.Should().OnlyContain(l => l.Holidays.Select(h => h.Name).Order().SequenceEqual(new[] { "古尔邦节", "开斋节" }.Order()));
    }

    [Fact]
    public void Versions_are_unique()
    {
        TestCalendar.Embedded.Layers.Select(l => l.Version).Should().OnlyHaveUniqueItems();
    }

    private static JsonDocument Read(string file)
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        using var stream = assembly.GetManifestResourceStream($"{WorkingDayCalendar.ResourcePrefix}{file}.json");
        stream.Should().NotBeNull($"{file}.json must be embedded");
        return JsonDocument.Parse(stream!);
    }

    private static DateOnly RealDate(string? text)
    {
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            .Should().BeTrue($"'{text}' must be a real yyyy-MM-dd date");
        return date;
    }

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}、]+$")]
    private static partial Regex ChineseName();
}
