namespace ConsultFlow.Workflows.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so weeks of statutory periods pass in microseconds.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset to) => now = to;
}
