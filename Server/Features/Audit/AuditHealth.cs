namespace ConsultFlow.Server.Features.Audit;

/// <summary>Whether appends are succeeding on this node, for <see cref="AuditHealthCheck"/>.</summary>
public sealed class AuditHealth
{
    private readonly Lock gate = new();
    private long failures;
    private bool failing;
    private string? lastError;
    private DateTimeOffset? lastFailureAt;

    public void Failed(Exception exception, DateTimeOffset at)
    {
        lock (gate)
        {
            failures++;
            failing = true;
            lastError = exception.Message;
            lastFailureAt = at;
        }
    }

    public void Succeeded()
    {
        lock (gate) failing = false;
    }

    public (bool Failing, long Failures, string? LastError, DateTimeOffset? LastFailureAt) Snapshot()
    {
        lock (gate) return (failing, failures, lastError, lastFailureAt);
    }
}
