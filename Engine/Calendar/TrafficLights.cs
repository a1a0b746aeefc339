namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// Turns a deadline and the current moment into a <see cref="TrafficLight"/>.
/// </summary>
public static class TrafficLights
{
    /// <summary>The default yellow threshold: the last quarter of the period.</summary>
    public const double DefaultYellowShare = 0.25;

    /// <summary>
    /// Red when <paramref name="now"/> &gt;= <paramref name="due"/>; yellow when the share of the period still left,
    /// (due - now) / (due - start), is at most <paramref name="yellowShare"/>; green otherwise (also before start).
    /// </summary>
    public static TrafficLight Evaluate(DateTimeOffset start, DateTimeOffset due, DateTimeOffset now, double yellowShare = DefaultYellowShare)
    {
        if (double.IsNaN(yellowShare) || yellowShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(yellowShare), yellowShare, "Must be between 0 and 1.");
        }

        if (now >= due)
        {
            return TrafficLight.Red;
        }

        var total = due - start;
        if (total <= TimeSpan.Zero)
        {
            // A due time at or before the start leaves no share to speak of: not overdue yet, but urgent.
            return TrafficLight.Yellow;
        }

        var remainingShare = (due - now) / total;
        return remainingShare <= yellowShare ? TrafficLight.Yellow : TrafficLight.Green;
    }

    /// <summary>The light of <paramref name="deadline"/> at <paramref name="now"/>.</summary>
    public static TrafficLight Evaluate(Deadline deadline, DateTimeOffset now, double yellowShare = DefaultYellowShare)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return Evaluate(deadline.Start, deadline.DueAt, now, yellowShare);
    }

    /// <summary>The light of <paramref name="deadline"/> now, as told by <paramref name="time"/>.</summary>
    public static TrafficLight Evaluate(Deadline deadline, TimeProvider time, double yellowShare = DefaultYellowShare)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Evaluate(deadline, time.GetUtcNow(), yellowShare);
    }
}
