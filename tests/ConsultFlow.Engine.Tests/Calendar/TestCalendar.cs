using ConsultFlow.Engine.Calendar;

namespace ConsultFlow.Engine.Tests.Calendar;

/// <summary>Shared helpers: the embedded calendar (loaded once) and Beijing-time moments.</summary>
internal static class TestCalendar
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static WorkingDayCalendar Embedded { get; } = WorkingDayCalendar.LoadEmbedded();

    public static DeadlineCalculator Calculator { get; } = new(Embedded);

    /// <summary>A moment in Beijing time (+08:00).</summary>
    public static DateTimeOffset Bj(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Beijing);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
