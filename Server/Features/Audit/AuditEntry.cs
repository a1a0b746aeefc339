namespace ConsultFlow.Server.Features.Audit;

/// <summary>What a caller asks <see cref="AuditChain.AppendAsync"/> to record; the chain adds sequence, time and hashes.</summary>
public sealed record AuditEntry(string Action)
{
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? Agency { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string? Target { get; init; }

    /// <summary>The target before the command, as JSON, when known; normalised before it is stored.</summary>
    public string? BeforeJson { get; init; }

    /// <summary>The result of the command (for API commands the response body), as JSON; normalised before it is stored.</summary>
    public string? AfterJson { get; init; }
}
