namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// Computes statutory deadlines (DOMAIN.md H).
/// </summary>
/// <remarks>
/// Rules, all in Beijing time:
/// <list type="bullet">
/// <item>Hours run from the exact start moment; weekends and holidays do not matter.</item>
/// <item>For calendar days, working days and months the start day is not counted and the period ends at 24:00 of its
///   last day (<see cref="Deadline.DueAt"/> is 00:00 of the next day).</item>
/// <item>Calendar days: the last day is the start day + N. Months: the same date N months later, or that month's
///   last day when it has no such date (Jan 31 + 1 month = Feb 28/29) (民法典 art. 202). If that last day is not a
///   working day it becomes the first working day after it (民法典 art. 203).</item>
/// <item>Working days: the N-th working day after the start day; make-up working days (调休上班) count, holidays
///   and ordinary weekends do not.</item>
/// </list>
/// Suspensions: see <see cref="Compute(RunningPeriod, DeadlineOptions?)"/>.
/// </remarks>
/// <param name="calendar">Working-day data.</param>
/// <param name="timeZone">Time zone of the law; <see cref="ChinaTime.Zone"/> unless a test needs another.</param>
public sealed class DeadlineCalculator(WorkingDayCalendar calendar, TimeZoneInfo? timeZone = null)
{
    private readonly TimeZoneInfo _zone = timeZone ?? ChinaTime.Zone;

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>The deadline of <paramref name="period"/> started at <paramref name="start"/>.</summary>
    public Deadline Compute(DateTimeOffset start, Period period, DeadlineOptions? options = null) =>
        Compute(new RunningPeriod(start, period), options)!;

    /// <summary>
    /// The current deadline of a period that may have been suspended; null while it is suspended (no due time).
    /// </summary>
    /// <remarks>
    /// Suspended time does not count:
    /// <list type="bullet">
    /// <item>Hours: the due time moves by the exact length of each suspension.</item>
    /// <item>Day units: the days used before a suspension are kept and the rest resumes from the resumption, which
    ///   is treated like a new start. "Used" means the counted days (calendar days, or working days for a
    ///   working-day period) after the segment's start day up to <em>and including</em> the day the suspension
    ///   begins; the resumption day itself is not counted (like any start day). So the period is extended by the
    ///   days from the suspension day to the resumption day, and a suspension that begins and ends on the same day
    ///   changes nothing. If nothing is left (the suspension began on the last day), the period ends at 24:00 of the
    ///   first working day from the resumption day on.</item>
    /// <item>Months are first turned into the calendar days they span from the start (Jan 31 + 1 month = 28 or 29
    ///   days), then treated as calendar days.</item>
    /// <item>A suspension that begins at or after the due time of the period at that point is ignored, with every
    ///   later one: an expired period cannot be revived by suspending it.</item>
    /// </list>
    /// </remarks>
    public Deadline? Compute(RunningPeriod running, DeadlineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(running);
        options ??= DeadlineOptions.Default;
        var region = calendar.NormalizeRegion(options.Region);
        ValidateSuspensions(running);

        if (running.IsSuspended)
        {
            return null;
        }

        var period = running.Period;
        if (period.Unit == PeriodUnit.Hours)
        {
            var due = running.Start.AddHours(period.Amount);
            foreach (var suspension in running.Suspensions)
            {
                if (suspension.From >= due)
                {
                    break;
                }

                due += suspension.To!.Value - suspension.From;
            }

            return new Deadline(running.Start, ToLocal(due), null, period, options.LegalBasis, region, null, false);
        }

        var startDay = LocalDate(running.Start);
        var unit = period.Unit;
        var remaining = period.Amount;
        if (unit == PeriodUnit.Months && running.Suspensions.Count > 0)
        {
            unit = PeriodUnit.CalendarDays;
            remaining = startDay.AddMonths(period.Amount).DayNumber - startDay.DayNumber;
        }

        var segmentStart = startDay;
        foreach (var suspension in running.Suspensions)
        {
            var segmentLast = LastDay(segmentStart, remaining, unit, region, options.RollOverNonWorkingLastDay);
            if (suspension.From >= EndOfDay(segmentLast))
            {
                break;
            }

            var used = CountedDays(segmentStart, LocalDate(suspension.From), unit, region);
            remaining = Math.Max(remaining - used, 0);
            segmentStart = LocalDate(suspension.To!.Value);
        }

        var lastDay = LastDay(segmentStart, remaining, unit, region, options.RollOverNonWorkingLastDay);
        var years = Enumerable.Range(startDay.Year, lastDay.Year - startDay.Year + 1).ToArray();
        return new Deadline(
            running.Start,
            EndOfDay(lastDay),
            lastDay,
            period,
            options.LegalBasis,
            region,
            calendar.Version(region, years),
            years.Any(year => calendar.IsEstimated(year, region)));
    }

    // The last day of a day-based period of `amount` units after `startDay` (which is not counted).
    // amount 0 happens only after a suspension that used up every day: the resumption day is then the last day.
    private DateOnly LastDay(DateOnly startDay, int amount, PeriodUnit unit, string region, bool rollOver)
    {
        switch (unit)
        {
            case PeriodUnit.WorkingDays:
                var day = startDay;
                if (amount == 0 && !calendar.IsWorkingDay(day, region))
                {
                    return calendar.NextWorkingDay(day, region);
                }

                for (var counted = 0; counted < amount;)
                {
                    day = day.AddDays(1);
                    if (calendar.IsWorkingDay(day, region))
                    {
                        counted++;
                    }
                }

                return day;

            case PeriodUnit.CalendarDays or PeriodUnit.Months:
                var last = unit == PeriodUnit.Months ? startDay.AddMonths(amount) : startDay.AddDays(amount);
                return rollOver && !calendar.IsWorkingDay(last, region) ? calendar.NextWorkingDay(last, region) : last;

            default:
                throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a day-based unit.");
        }
    }

    // Counted days in (after, upTo]: every day for calendar days, only working days for working days.
    private int CountedDays(DateOnly after, DateOnly upTo, PeriodUnit unit, string region)
    {
        if (unit != PeriodUnit.WorkingDays)
        {
            return Math.Max(upTo.DayNumber - after.DayNumber, 0);
        }

        var count = 0;
        for (var day = after.AddDays(1); day <= upTo; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day, region))
            {
                count++;
            }
        }

        return count;
    }

    private static void ValidateSuspensions(RunningPeriod running)
    {
        var earliest = running.Start;
        for (var i = 0; i < running.Suspensions.Count; i++)
        {
            var suspension = running.Suspensions[i];
            if (suspension.From < earliest || suspension.To < suspension.From
                || (suspension.IsOpen && i != running.Suspensions.Count - 1))
            {
                throw new ArgumentException(
                    "Suspensions must be in order, must not overlap, must start after the period and only the last may be open.",
                    nameof(running));
            }

            earliest = suspension.To ?? suspension.From;
        }
    }

    private DateOnly LocalDate(DateTimeOffset moment) => DateOnly.FromDateTime(ToLocal(moment).DateTime);

    private DateTimeOffset ToLocal(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, _zone);

    // 24:00 of `day`, represented as 00:00 of the next day in the legal time zone.
    private DateTimeOffset EndOfDay(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight));
    }
}
