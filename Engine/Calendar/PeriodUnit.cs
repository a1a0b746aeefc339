using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// How a statutory period is counted. Each statute fixes its own unit (DOMAIN.md H): 令310 speaks of
/// "24小时" and "3日", 行政处罚法 art. 85 turns short 日 into working days, a reverse referral is answered
/// on the month rule. Whether a bare "日" means calendar or working days is a per-rule setting, not code.
/// </summary>
// Serialized by name ("WorkingDays"), never by number, so stored rules stay readable and survive reordering.
[JsonConverter(typeof(JsonStringEnumConverter<PeriodUnit>))]
public enum PeriodUnit
{
    /// <summary>Exact elapsed hours from the start moment; holidays do not matter.</summary>
    Hours,

    /// <summary>Calendar days; the start day is not counted; a last day that is not a working day rolls forward.</summary>
    CalendarDays,

    /// <summary>Only working days are counted (adjusted make-up days count, holidays do not).</summary>
    WorkingDays,

    /// <summary>Same date N months later, or that month's last day; rolls forward like calendar days.</summary>
    Months,
}
