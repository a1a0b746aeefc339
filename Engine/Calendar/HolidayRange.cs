using System.Text.Json.Serialization;

namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// One holiday block as the notice states it, e.g. 春节 2026-02-15..2026-02-23 ("放假调休，共9天").
/// Both ends are included. The block may contain weekend days; they are non-working days either way.
/// </summary>
public sealed record HolidayRange(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To)
{
    public IEnumerable<DateOnly> Days()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
