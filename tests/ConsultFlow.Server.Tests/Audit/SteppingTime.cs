namespace ConsultFlow.Server.Tests.Audit;

/// <summary>A clock that starts at a given instant and moves on by an odd number of ticks (1.2345679 s) at each reading.</summary>
public sealed class SteppingTime(DateTimeOffset start) : TimeProvider
{
    private long readings;

    public override DateTimeOffset GetUtcNow() => start.AddTicks((Interlocked.Increment(ref readings) - 1) * 12_345_679);
}
