using ConsultFlow.Engine.Calendar;

namespace ConsultFlow.Activities.Timing;

/// <summary>
/// A period as written in a definition: <c>{"amount": 3, "unit": "workingDays", "legalBasis": "国务院令第310号 第五条"}</c>.
/// The region defaults to the national calendar.
/// </summary>
public sealed record DurationInput(int Amount, PeriodUnit Unit, string? LegalBasis = null, string? Region = null)
{
    public Deadline DueFrom(DeadlineCalculator calculator, DateTimeOffset start) =>
        calculator.Compute(start, new Period(Amount, Unit), new DeadlineOptions(Region ?? WorkingDayCalendar.National, LegalBasis));
}
