using ConsultFlow.Engine.Calendar;
using static ConsultFlow.Engine.Tests.Calendar.TestCalendar;

namespace ConsultFlow.Engine.Tests.Calendar;

/// <summary>
/// Expected values are worked out by hand from the notices; DueAt is 24:00 of the last day, written as 00:00 of the
/// next day in +08:00.
/// </summary>
public sealed class DeadlineCalculatorTests
{
    [Fact]
    public void Three_working_days_before_national_day_2026_count_the_make_up_saturday()
    {
        // Wed 9/30 is the start day (not counted); 10/1-7 off; Thu 10/8 (1), Fri 10/9 (2), Sat 10/10 make-up (3).
        var deadline = Calculator.Compute(Bj(2026, 9, 30, 10), Period.WorkingDays(3));

        deadline.LastDay.Should().Be(D(2026, 10, 10));
        deadline.DueAt.Should().Be(Bj(2026, 10, 11));
        deadline.DueAt.Offset.Should().Be(Beijing);
        deadline.Estimated.Should().BeFalse();
        deadline.CalendarVersion.Should().Be("cn-2026@2025-11-04");
    }

    [Fact]
    public void Three_working_days_before_spring_festival_2026()
    {
        // Fri 2/13 start; Sat 2/14 make-up (1); 2/15-23 off; Tue 2/24 (2); Wed 2/25 (3).
        var deadline = Calculator.Compute(Bj(2026, 2, 13, 16, 45), Period.WorkingDays(3));

        deadline.LastDay.Should().Be(D(2026, 2, 25));
        deadline.DueAt.Should().Be(Bj(2026, 2, 26));
    }

    [Fact]
    public void Five_working_days_across_spring_festival_2025()
    {
        // Fri 1/24 start; Sun 1/26 make-up (1); Mon 1/27 (2); 1/28-2/4 off; Wed 2/5 (3); Thu 2/6 (4); Fri 2/7 (5).
        var deadline = Calculator.Compute(Bj(2025, 1, 24, 9), Period.WorkingDays(5));

        deadline.DueAt.Should().Be(Bj(2025, 2, 8));
        deadline.CalendarVersion.Should().Be("cn-2025@2024-11-12");
    }

    [Theory]
    [InlineData(26, 10, 1)] // Fri 9/26: Sun 9/28 make-up, Mon 9/29, Tue 9/30 -> 24:00 of 9/30
    [InlineData(30, 10, 12)] // Tue 9/30: 10/1-8 off; Thu 10/9, Fri 10/10, Sat 10/11 make-up
    public void Three_working_days_around_national_day_2025(int startDay, int dueMonth, int dueDay)
    {
        Calculator.Compute(Bj(2025, 9, startDay, 11), Period.WorkingDays(3)).DueAt.Should().Be(Bj(2025, dueMonth, dueDay));
    }

    [Fact]
    public void A_working_day_period_starting_on_a_holiday_counts_from_the_next_working_day()
    {
        // Submitted on 10/3 (holiday): Thu 10/8 (1), Fri 10/9 (2).
        Calculator.Compute(Bj(2026, 10, 3, 20), Period.WorkingDays(2)).DueAt.Should().Be(Bj(2026, 10, 10));
    }

    [Fact]
    public void Calendar_days_ending_inside_a_holiday_roll_over_to_the_first_working_day()
    {
        // 令310 "3日" read as calendar days: Mon 9/28 start; 9/29, 9/30, 10/1 -> 10/1 is a holiday -> Thu 10/8.
        var deadline = Calculator.Compute(
            Bj(2026, 9, 28, 15),
            Period.CalendarDays(3),
            new DeadlineOptions(LegalBasis: "国务院令第310号 第五条"));

        deadline.LastDay.Should().Be(D(2026, 10, 8));
        deadline.DueAt.Should().Be(Bj(2026, 10, 9));
        deadline.LegalBasis.Should().Be("国务院令第310号 第五条");
        deadline.Region.Should().Be("CN");
        deadline.Period.Should().Be(Period.CalendarDays(3));
    }

    [Fact]
    public void Roll_over_can_be_switched_off()
    {
        var deadline = Calculator.Compute(
            Bj(2026, 9, 28, 15), Period.CalendarDays(3), new DeadlineOptions(RollOverNonWorkingLastDay: false));

        deadline.DueAt.Should().Be(Bj(2026, 10, 2));
    }

    [Fact]
    public void Calendar_days_ending_on_a_make_up_saturday_do_not_roll_over()
    {
        // Wed 10/7 start; 10/8, 10/9, 10/10 -> Sat 10/10 is a make-up working day.
        Calculator.Compute(Bj(2026, 10, 7, 9), Period.CalendarDays(3)).DueAt.Should().Be(Bj(2026, 10, 11));
    }

    [Fact]
    public void Calendar_days_ending_on_an_ordinary_weekend_roll_over_to_monday()
    {
        // Thu 3/12 start; Fri 3/13, Sat 3/14 -> Mon 3/16.
        Calculator.Compute(Bj(2026, 3, 12, 9), Period.CalendarDays(2)).DueAt.Should().Be(Bj(2026, 3, 17));
    }

    [Fact]
    public void Twenty_four_hours_cross_midnight_from_the_exact_moment()
    {
        var deadline = Calculator.Compute(Bj(2026, 3, 10, 20, 30), Period.Hours(24));

        deadline.DueAt.Should().Be(Bj(2026, 3, 11, 20, 30));
        deadline.LastDay.Should().BeNull();
        deadline.CalendarVersion.Should().BeNull("hours do not consult the calendar");
        deadline.Estimated.Should().BeFalse();
    }

    [Fact]
    public void Hours_ignore_holidays_and_are_returned_in_beijing_time()
    {
        // 2026-09-30 10:00 UTC is 18:00 in Beijing; 24h later is 10/1 18:00 even though 10/1 is a holiday.
        var deadline = Calculator.Compute(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.Zero), Period.Hours(24));

        deadline.DueAt.Should().Be(Bj(2026, 10, 1, 18));
        deadline.DueAt.Offset.Should().Be(Beijing);
    }

    [Fact]
    public void The_start_day_is_the_beijing_date_not_the_utc_date()
    {
        // 2026-09-29 16:30 UTC is 9/30 00:30 in Beijing: start day 9/30 -> 10/8, 10/9, 10/10 (make-up).
        // (Counting from the UTC date 9/29 would give 9/30, 10/8, 10/9.)
        var start = new DateTimeOffset(2026, 9, 29, 16, 30, 0, TimeSpan.Zero);

        Calculator.Compute(start, Period.WorkingDays(3)).DueAt.Should().Be(Bj(2026, 10, 11));
    }

    [Theory]
    [InlineData("2025-01-31", 1, "2025-02-28", "2025-03-01")] // no Feb 31: month end, Fri, working
    [InlineData("2024-01-31", 1, "2024-02-29", "2024-03-01")] // leap year, Thu
    [InlineData("2026-01-31", 1, "2026-02-28", "2026-03-01")] // Sat 2/28 is a 春节 make-up day: no roll-over
    [InlineData("2025-05-15", 1, "2025-06-16", "2025-06-17")] // 6/15 is a Sunday -> Mon 6/16
    [InlineData("2025-07-31", 2, "2025-09-30", "2025-10-01")] // no Sep 31: Tue 9/30
    [InlineData("2025-08-01", 2, "2025-10-09", "2025-10-10")] // 10/1 holiday (10/1-8) -> Thu 10/9
    public void Months_use_the_same_date_or_the_month_end(string start, int months, string lastDay, string dueDay)
    {
        var startDate = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        var deadline = Calculator.Compute(
            new DateTimeOffset(startDate.ToDateTime(new TimeOnly(10, 0)), Beijing), Period.Months(months));

        deadline.LastDay.Should().Be(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture));
        deadline.DueAt.Should().Be(new DateTimeOffset(
            DateOnly.Parse(dueDay, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), Beijing));
    }

    [Fact]
    public void A_year_without_data_is_computed_monday_to_friday_and_flagged_estimated()
    {
        // 2027-03-01 is a Monday: Tue 3/2, Wed 3/3, Thu 3/4.
        var deadline = Calculator.Compute(Bj(2027, 3, 1, 9), Period.WorkingDays(3));

        deadline.DueAt.Should().Be(Bj(2027, 3, 5));
        deadline.Estimated.Should().BeTrue();
        deadline.CalendarVersion.Should().Be("cn-2027@none");
    }

    [Fact]
    public void A_period_running_into_a_year_without_data_is_estimated()
    {
        // Thu 2026-12-31 start; 2027-01-01 (Fri, no data so counted) (1), Mon 1/4 (2), Tue 1/5 (3).
        var deadline = Calculator.Compute(Bj(2026, 12, 31, 9), Period.WorkingDays(3));

        deadline.DueAt.Should().Be(Bj(2027, 1, 6));
        deadline.Estimated.Should().BeTrue();
        deadline.CalendarVersion.Should().Be("cn-2026@2025-11-04+cn-2027@none");
    }

    [Fact]
    public void Ningxia_eid_holiday_lengthens_a_working_day_period()
    {
        // Thu 3/19 start, one working day. National: Fri 3/20. Ningxia: 3/20-21 开斋节, Sun 3/22 -> Mon 3/23.
        var national = Calculator.Compute(Bj(2026, 3, 19, 10), Period.WorkingDays(1));
        var ningxia = Calculator.Compute(Bj(2026, 3, 19, 10), Period.WorkingDays(1), new DeadlineOptions("cn-nx"));

        national.DueAt.Should().Be(Bj(2026, 3, 21));
        ningxia.DueAt.Should().Be(Bj(2026, 3, 24));
        ningxia.Region.Should().Be("CN-NX");
        ningxia.CalendarVersion.Should().Be("cn-2026@2025-11-04+cn-nx-2026@provisional-1");
        ningxia.Estimated.Should().BeTrue("the Ningxia dates are provisional");
    }

    [Fact]
    public void Ningxia_eid_holiday_rolls_a_calendar_day_period_over()
    {
        // Thu 3/19 start, 1 day: last day 3/20 is 开斋节 in Ningxia -> Sat 3/21 (开斋节), Sun -> Mon 3/23.
        Calculator.Compute(Bj(2026, 3, 19, 10), Period.CalendarDays(1), new DeadlineOptions("CN-NX"))
            .DueAt.Should().Be(Bj(2026, 3, 24));
        Calculator.Compute(Bj(2026, 3, 19, 10), Period.CalendarDays(1))
            .DueAt.Should().Be(Bj(2026, 3, 21));
    }

    [Fact]
    public void Unknown_region_is_rejected()
    {
        FluentActions.Invoking(() => Calculator.Compute(Bj(2026, 3, 19), Period.WorkingDays(1), new DeadlineOptions("CN-ZZ")))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Falls_back_to_a_fixed_utc_plus_8_zone_and_gets_the_same_answers()
    {
        var fixedZone = TimeZoneInfo.CreateCustomTimeZone("fixed+8", TimeSpan.FromHours(8), "fixed+8", "fixed+8");
        var calculator = new DeadlineCalculator(Embedded, fixedZone);

        calculator.Compute(Bj(2026, 9, 30, 10), Period.WorkingDays(3)).DueAt.Should().Be(Bj(2026, 10, 11));
        ChinaTime.Zone.GetUtcOffset(new DateTime(2026, 7, 1)).Should().Be(Beijing);
    }
}
