namespace ConsultFlow.Engine.Calendar;

/// <summary>
/// A period that may be suspended (中止) and resumed; suspended time does not count.
/// Pass it to <see cref="DeadlineCalculator.Compute(RunningPeriod, DeadlineOptions?)"/> for the current due time.
/// </summary>
/// <remarks>
/// Immutable: <see cref="Suspend"/> and <see cref="Resume"/> return a new value, which the caller stores
/// (the history of suspensions is part of the case record). The moments come from the caller, i.e. from the
/// recorded events or a <see cref="TimeProvider"/>, never from the system clock here.
/// </remarks>
public sealed record RunningPeriod(DateTimeOffset Start, Period Period, IReadOnlyList<Suspension> Suspensions)
{
    public RunningPeriod(DateTimeOffset start, Period period)
        : this(start, period, [])
    {
    }

    /// <summary>True while the last suspension has not been resumed: there is no due time then.</summary>
    public bool IsSuspended => Suspensions.Count > 0 && Suspensions[^1].IsOpen;

    /// <summary>Suspends the period at <paramref name="at"/>.</summary>
    public RunningPeriod Suspend(DateTimeOffset at)
    {
        if (IsSuspended)
        {
            throw new InvalidOperationException("The period is already suspended.");
        }

        var earliest = Suspensions.Count > 0 ? Suspensions[^1].To!.Value : Start;
        if (at < earliest)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"A suspension cannot start before {earliest:O}.");
        }

        return this with { Suspensions = [.. Suspensions, new Suspension(at)] };
    }

    /// <summary>Resumes the suspended period at <paramref name="at"/>.</summary>
    public RunningPeriod Resume(DateTimeOffset at)
    {
        if (!IsSuspended)
        {
            throw new InvalidOperationException("The period is not suspended.");
        }

        var open = Suspensions[^1];
        if (at < open.From)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Cannot resume before the suspension started ({open.From:O}).");
        }

        return this with { Suspensions = [.. Suspensions.Take(Suspensions.Count - 1), open with { To = at }] };
    }
}
