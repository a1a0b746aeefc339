using ConsultFlow.Engine.Calendar;
using static ConsultFlow.Engine.Tests.Calendar.TestCalendar;

namespace ConsultFlow.Engine.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    // Each row read off the State Council notices by hand (weekday in the comment).
    [Theory]
    // 2024 — 国办发明电〔2023〕7号
    [InlineData("2024-01-01", false)] // Mon, 元旦
    [InlineData("2024-02-04", true)]  // Sun, 春节 make-up
    [InlineData("2024-02-09", true)]  // Fri, 除夕: only "encouraged" off
    [InlineData("2024-02-10", false)] // Sat, 春节 starts
    [InlineData("2024-02-16", false)] // Fri, 春节
    [InlineData("2024-02-18", true)]  // Sun, 春节 make-up
    [InlineData("2024-02-19", true)]  // Mon
    [InlineData("2024-04-05", false)] // Fri, 清明
    [InlineData("2024-04-07", true)]  // Sun, 清明 make-up
    [InlineData("2024-04-28", true)]  // Sun, 劳动节 make-up
    [InlineData("2024-05-02", false)] // Thu, 劳动节
    [InlineData("2024-05-11", true)]  // Sat, 劳动节 make-up
    [InlineData("2024-06-10", false)] // Mon, 端午
    [InlineData("2024-09-14", true)]  // Sat, 中秋 make-up
    [InlineData("2024-09-16", false)] // Mon, 中秋
    [InlineData("2024-09-29", true)]  // Sun, 国庆 make-up
    [InlineData("2024-10-07", false)] // Mon, 国庆
    [InlineData("2024-10-08", true)]  // Tue
    [InlineData("2024-10-12", true)]  // Sat, 国庆 make-up
    // 2025 — 国办发明电〔2024〕12号
    [InlineData("2025-01-01", false)] // Wed, 元旦
    [InlineData("2025-01-02", true)]  // Thu
    [InlineData("2025-01-26", true)]  // Sun, 春节 make-up
    [InlineData("2025-01-28", false)] // Tue, 除夕
    [InlineData("2025-02-04", false)] // Tue, 正月初七
    [InlineData("2025-02-05", true)]  // Wed
    [InlineData("2025-02-08", true)]  // Sat, 春节 make-up
    [InlineData("2025-04-04", false)] // Fri, 清明
    [InlineData("2025-04-07", true)]  // Mon
    [InlineData("2025-04-27", true)]  // Sun, 劳动节 make-up
    [InlineData("2025-05-05", false)] // Mon, 劳动节
    [InlineData("2025-06-02", false)] // Mon, 端午
    [InlineData("2025-09-28", true)]  // Sun, 国庆中秋 make-up
    [InlineData("2025-10-08", false)] // Wed, 国庆中秋
    [InlineData("2025-10-09", true)]  // Thu
    [InlineData("2025-10-11", true)]  // Sat, make-up
    [InlineData("2025-10-12", false)] // Sun
    // 2026 — 国办发明电〔2025〕7号
    [InlineData("2026-01-02", false)] // Fri, 元旦
    [InlineData("2026-01-04", true)]  // Sun, 元旦 make-up
    [InlineData("2026-02-14", true)]  // Sat, 春节 make-up
    [InlineData("2026-02-16", false)] // Mon, 春节
    [InlineData("2026-02-23", false)] // Mon, 正月初七
    [InlineData("2026-02-24", true)]  // Tue
    [InlineData("2026-02-28", true)]  // Sat, 春节 make-up
    [InlineData("2026-03-10", true)]  // Tue, ordinary
    [InlineData("2026-03-14", false)] // Sat, ordinary
    [InlineData("2026-04-06", false)] // Mon, 清明
    [InlineData("2026-05-05", false)] // Tue, 劳动节
    [InlineData("2026-05-09", true)]  // Sat, 劳动节 make-up
    [InlineData("2026-06-19", false)] // Fri, 端午
    [InlineData("2026-09-20", true)]  // Sun, 国庆 make-up
    [InlineData("2026-09-25", false)] // Fri, 中秋
    [InlineData("2026-10-07", false)] // Wed, 国庆
    [InlineData("2026-10-08", true)]  // Thu
    [InlineData("2026-10-10", true)]  // Sat, 国庆 make-up
    [InlineData("2026-10-11", false)] // Sun
    public void National_working_days_follow_the_notices(string date, bool working)
    {
        Embedded.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(working);
    }

    [Fact]
    public void Ningxia_layer_turns_a_national_working_day_into_a_holiday()
    {
        var eid = D(2026, 3, 20); // Friday; 开斋节 in the (provisional) Ningxia layer
        Embedded.IsWorkingDay(eid, "CN").Should().BeTrue();
        Embedded.IsWorkingDay(eid, "CN-NX").Should().BeFalse();
        Embedded.IsWorkingDay(eid, "cn-nx").Should().BeFalse("region codes are case-insensitive");
    }

    [Fact]
    public void Ningxia_keeps_the_national_holidays_and_make_up_days()
    {
        Embedded.IsWorkingDay(D(2026, 10, 1), "CN-NX").Should().BeFalse();
        Embedded.IsWorkingDay(D(2026, 2, 14), "CN-NX").Should().BeTrue();
        Embedded.IsWorkingDay(D(2026, 3, 19), "CN-NX").Should().BeTrue();
    }

    [Fact]
    public void Unknown_region_is_rejected_rather_than_treated_as_national()
    {
        FluentActions.Invoking(() => Embedded.IsWorkingDay(D(2026, 3, 20), "CN-NXX"))
            .Should().Throw<ArgumentException>().WithMessage("*CN-NXX*");
        Embedded.Regions.Should().BeEquivalentTo(["CN", "CN-NX"]);
    }

    [Fact]
    public void A_year_without_data_is_plain_monday_to_friday_and_estimated()
    {
        Embedded.IsWorkingDay(D(2027, 1, 1)).Should().BeTrue("no 2027 data: Friday counts as working");
        Embedded.IsWorkingDay(D(2027, 1, 2)).Should().BeFalse();
        Embedded.IsEstimated(2027).Should().BeTrue();
        Embedded.IsEstimated(2023).Should().BeTrue();
        Embedded.IsEstimated(2026).Should().BeFalse();
        Embedded.IsEstimated(2026, "CN-NX").Should().BeTrue("the Ningxia layer is provisional");
    }

    [Fact]
    public void Version_lists_every_layer_used()
    {
        Embedded.Version("CN", [2026, 2025, 2026]).Should().Be("cn-2025@2024-11-12+cn-2026@2025-11-04");
        Embedded.Version("CN-NX", [2026]).Should().Be("cn-2026@2025-11-04+cn-nx-2026@provisional-1");
        Embedded.Version("CN", [2027]).Should().Be("cn-2027@none");
    }

    [Fact]
    public void Next_working_day_skips_the_national_day_week()
    {
        Embedded.NextWorkingDay(D(2026, 9, 30)).Should().Be(D(2026, 10, 8));
        Embedded.NextWorkingDay(D(2026, 10, 9)).Should().Be(D(2026, 10, 10)); // make-up Saturday
    }

    [Fact]
    public void Files_in_the_configured_directory_add_years_and_override_embedded_ones()
    {
        var directory = Directory.CreateTempSubdirectory("consultflow-calendar-");
        try
        {
            // Test data only, not a real notice.
            File.WriteAllText(Path.Combine(directory.FullName, "cn-2027.json"), """
                { "schema": 1, "region": "CN", "year": 2027, "version": "cn-2027@test", "source": "test",
                  "provisional": false,
                  "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-01" } ],
                  "workingDays": [] }
                """);
            File.WriteAllText(Path.Combine(directory.FullName, "cn-2026.json"), """
                { "schema": 1, "region": "CN", "year": 2026, "version": "cn-2026@override", "source": "test",
                  "provisional": false, "holidays": [], "workingDays": [] }
                """);

            var calendar = WorkingDayCalendar.Load(new WorkingDayCalendarOptions(directory.FullName));

            calendar.IsEstimated(2027).Should().BeFalse();
            calendar.IsWorkingDay(D(2027, 1, 1)).Should().BeFalse();
            calendar.IsWorkingDay(D(2026, 10, 1)).Should().BeTrue("the override has no holidays");
            calendar.IsWorkingDay(D(2025, 10, 1)).Should().BeFalse("other years keep the embedded data");
            calendar.Version("CN", [2026, 2027]).Should().Be("cn-2026@override+cn-2027@test");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_malformed_configured_file_stops_loading()
    {
        var directory = Directory.CreateTempSubdirectory("consultflow-calendar-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "bad.json"), """{ "schema": 1 """);
            FluentActions.Invoking(() => WorkingDayCalendar.Load(new WorkingDayCalendarOptions(directory.FullName)))
                .Should().Throw<CalendarDataException>().WithMessage("*bad.json*");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_configured_directory_is_an_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "consultflow-calendar-" + Guid.NewGuid().ToString("N"));
        FluentActions.Invoking(() => WorkingDayCalendar.Load(new WorkingDayCalendarOptions(missing)))
            .Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public void A_calendar_without_national_data_is_refused()
    {
        FluentActions.Invoking(() => new WorkingDayCalendar([]))
            .Should().Throw<CalendarDataException>();
    }
}
