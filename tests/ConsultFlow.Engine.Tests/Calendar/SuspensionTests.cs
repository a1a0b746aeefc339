using ConsultFlow.Engine.Calendar;
using static ConsultFlow.Engine.Tests.Calendar.TestCalendar;

namespace ConsultFlow.Engine.Tests.Calendar;

/// <summary>
/// Suspension (中止) rule for day units: days used up to and including the suspension day are kept; the rest runs
/// from the resumption day (not counted, like a start day). Hours move by the exact suspended time.
/// </summary>
public sealed class SuspensionTests
{
    [Fact]
    public void Hours_are_extended_by_the_exact_suspended_time()
    {
        var running = new RunningPeriod(Bj(2026, 3, 10, 9), Period.Hours(24))
            .Suspend(Bj(2026, 3, 10, 15))
            .Resume(Bj(2026, 3, 11, 15));

        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 12, 9));
    }

    [Fact]
    public void Several_hour_suspensions_add_up()
    {
        // 8:00 + 10h = 18:00; +1h (9-10) = 19:00; +2h (12-14) = 21:00.
        var running = new RunningPeriod(Bj(2026, 3, 10, 8), Period.Hours(10))
            .Suspend(Bj(2026, 3, 10, 9)).Resume(Bj(2026, 3, 10, 10))
            .Suspend(Bj(2026, 3, 10, 12)).Resume(Bj(2026, 3, 10, 14));

        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 10, 21));
    }

    [Fact]
    public void While_suspended_there_is_no_due_time()
    {
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.WorkingDays(5)).Suspend(Bj(2026, 3, 4, 10));

        running.IsSuspended.Should().BeTrue();
        Calculator.Compute(running).Should().BeNull();
    }

    [Fact]
    public void Working_days_used_before_the_suspension_are_kept()
    {
        // Mon 3/2 start, 5 working days: would end Mon 3/9.
        // Suspended Wed 3/4: used Tue 3/3 and Wed 3/4 (2). Resumed Mon 3/9: 3 left -> Tue 3/10, Wed 3/11, Thu 3/12.
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.WorkingDays(5));
        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 10));

        var resumed = running.Suspend(Bj(2026, 3, 4, 10)).Resume(Bj(2026, 3, 9, 14));

        var deadline = Calculator.Compute(resumed)!;
        deadline.DueAt.Should().Be(Bj(2026, 3, 13));
        deadline.Start.Should().Be(Bj(2026, 3, 2, 9));
        deadline.Period.Should().Be(Period.WorkingDays(5));
    }

    [Fact]
    public void Two_working_day_suspensions()
    {
        // Mon 3/2 start, 5 wd. Suspended Tue 3/3 (used 1) to Thu 3/5: 4 left from 3/5.
        // Suspended Mon 3/9 (used Fri 3/6, Mon 3/9 = 2) to Wed 3/11: 2 left -> Thu 3/12, Fri 3/13.
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.WorkingDays(5))
            .Suspend(Bj(2026, 3, 3, 12)).Resume(Bj(2026, 3, 5, 9))
            .Suspend(Bj(2026, 3, 9, 10)).Resume(Bj(2026, 3, 11, 10));

        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 14));
    }

    [Fact]
    public void Calendar_days_resume_into_a_holiday_and_roll_over()
    {
        // Thu 9/10 start, 10 days. Suspended Tue 9/15: used 9/11-9/15 (5). Resumed Mon 9/28: 5 left ->
        // 9/29, 9/30, 10/1, 10/2, 10/3 -> 10/3 is a holiday -> Thu 10/8.
        var running = new RunningPeriod(Bj(2026, 9, 10, 9), Period.CalendarDays(10))
            .Suspend(Bj(2026, 9, 15, 11))
            .Resume(Bj(2026, 9, 28, 8));

        var deadline = Calculator.Compute(running)!;
        deadline.LastDay.Should().Be(D(2026, 10, 8));
        deadline.DueAt.Should().Be(Bj(2026, 10, 9));
    }

    [Fact]
    public void A_same_day_suspension_changes_nothing_for_day_units()
    {
        // Mon 3/2 start, 3 days: 3/3, 3/4, 3/5. Suspended and resumed on Tue 3/3: used 1, 2 left from 3/3.
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.CalendarDays(3))
            .Suspend(Bj(2026, 3, 3, 10))
            .Resume(Bj(2026, 3, 3, 15));

        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 6));
    }

    [Fact]
    public void Suspended_on_the_last_day_the_period_ends_with_the_resumption_day()
    {
        // Mon 3/2 start, 3 days: last day Thu 3/5. Suspended Thu 3/5 16:00, nothing left; resumed Tue 3/10.
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.CalendarDays(3))
            .Suspend(Bj(2026, 3, 5, 16))
            .Resume(Bj(2026, 3, 10, 9));

        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 11));
    }

    [Fact]
    public void Nothing_left_and_resumed_on_a_weekend_ends_on_the_next_working_day()
    {
        // Mon 3/2 start, 2 wd: Tue 3/3, Wed 3/4. Suspended Wed 3/4 (both used); resumed Sat 3/7 -> Mon 3/9.
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.WorkingDays(2))
            .Suspend(Bj(2026, 3, 4, 9))
            .Resume(Bj(2026, 3, 7, 10));

        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 10));
    }

    [Theory]
    [InlineData(4, 0)] // exactly at the due time (24:00 of 3/3)
    [InlineData(5, 9)] // after it
    public void Suspending_an_expired_period_does_not_revive_it(int day, int hour)
    {
        // Mon 3/2 start, 1 day: due 3/4 00:00.
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.CalendarDays(1))
            .Suspend(Bj(2026, 3, day, hour))
            .Resume(Bj(2026, 3, 9, 9));

        Calculator.Compute(running)!.DueAt.Should().Be(Bj(2026, 3, 4));
    }

    [Fact]
    public void Months_are_suspended_as_the_calendar_days_they_span()
    {
        // 2025-01-31 + 1 month = 2/28: 28 days. Suspended Mon 2/10 (used 2/1-2/10 = 10); resumed Mon 2/17:
        // 18 left -> 2/17 + 18 = Fri 3/7.
        var running = new RunningPeriod(Bj(2025, 1, 31, 10), Period.Months(1))
            .Suspend(Bj(2025, 2, 10, 9))
            .Resume(Bj(2025, 2, 17, 9));

        var deadline = Calculator.Compute(running)!;
        deadline.LastDay.Should().Be(D(2025, 3, 7));
        deadline.Period.Should().Be(Period.Months(1));
    }

    [Fact]
    public void Suspend_and_resume_must_alternate_in_time_order()
    {
        var running = new RunningPeriod(Bj(2026, 3, 2, 9), Period.WorkingDays(5));

        FluentActions.Invoking(() => running.Resume(Bj(2026, 3, 3))).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => running.Suspend(Bj(2026, 3, 1))).Should().Throw<ArgumentOutOfRangeException>();

        var suspended = running.Suspend(Bj(2026, 3, 3, 9));
        FluentActions.Invoking(() => suspended.Suspend(Bj(2026, 3, 4))).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => suspended.Resume(Bj(2026, 3, 3, 8))).Should().Throw<ArgumentOutOfRangeException>();

        var resumed = suspended.Resume(Bj(2026, 3, 4, 9));
        resumed.IsSuspended.Should().BeFalse();
        resumed.Suspensions.Should().Equal(new Suspension(Bj(2026, 3, 3, 9), Bj(2026, 3, 4, 9)));
        FluentActions.Invoking(() => resumed.Suspend(Bj(2026, 3, 4, 8))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Inconsistent_stored_suspensions_are_rejected()
    {
        var overlapping = new RunningPeriod(Bj(2026, 3, 2), Period.WorkingDays(5),
        [
            new Suspension(Bj(2026, 3, 3), Bj(2026, 3, 5)),
            new Suspension(Bj(2026, 3, 4), Bj(2026, 3, 6)),
        ]);
        var openInTheMiddle = new RunningPeriod(Bj(2026, 3, 2), Period.WorkingDays(5),
        [
            new Suspension(Bj(2026, 3, 3)),
            new Suspension(Bj(2026, 3, 4), Bj(2026, 3, 6)),
        ]);

        FluentActions.Invoking(() => Calculator.Compute(overlapping)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Calculator.Compute(openInTheMiddle)).Should().Throw<ArgumentException>();
    }
}
