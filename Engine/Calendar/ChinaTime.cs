namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// The legal time zone for every deadline: Asia/Shanghai (Beijing time, UTC+8).
/// </summary>
public static class ChinaTime
{
    /// <summary>
    /// The system's "Asia/Shanghai" zone (from tzdata / ICU), or a fixed UTC+8 zone when the host has no time zone
    /// database (minimal containers). Both give the same answers for any date this system handles: China has not
    /// observed daylight saving time since 1991.
    /// </summary>
    public static TimeZoneInfo Zone { get; } = Resolve();

    private static TimeZoneInfo Resolve()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+08 China (fixed)", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
