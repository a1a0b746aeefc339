namespace ConsultFlow.Scheduling.Tests.Infrastructure;

/// <summary>A clock that stands still until a test moves it, forward only; shared by every server of a test.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public void Set(DateTimeOffset to)
    {
        lock (gate)
        {
            if (to < now) throw new InvalidOperationException($"The clock only moves forward ({now:O} → {to:O}).");
            now = to.ToUniversalTime();
        }
    }

    public void Advance(TimeSpan by) => Set(GetUtcNow() + by);
}
