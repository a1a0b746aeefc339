namespace ConsultFlow.Server.Tests.Cases;

/// <summary>The server's clock in the case tests: it stands still until a test moves it (forward only).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now.ToUniversalTime();
    }

    public void Set(DateTimeOffset to)
    {
        lock (gate)
        {
            if (to < now) throw new InvalidOperationException($"The clock only moves forward ({now:O} → {to:O}).");
            now = to;
        }
    }
}
