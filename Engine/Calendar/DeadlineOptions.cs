namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// How one deadline is computed, typically taken from the workflow rule that starts the clock.
/// </summary>
/// <param name="Region">Calendar region: "CN" (national) or a regional code such as "CN-NX".</param>
/// <param name="LegalBasis">The provision fixing the period, e.g. "国务院令第310号 第五条"; copied into the result.</param>
/// <param name="RollOverNonWorkingLastDay">
/// For calendar days and months: when the last day is not a working day (weekend or holiday), the period ends on the
/// first working day after it (民法典 art. 203; 刑事诉讼法 art. 105). True by default because that is the statutory
/// rule; a deployment may switch it off for a rule that is read as strict calendar days.
/// </param>
public sealed record DeadlineOptions(
    string Region = WorkingDayCalendar.National,
    string? LegalBasis = null,
    bool RollOverNonWorkingLastDay = true)
{
    public static DeadlineOptions Default { get; } = new();
}
